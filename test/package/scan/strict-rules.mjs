/**
 * The project's own rules for the JavaScript it ships (compiled CommonJS in dist/ and index.js).
 *
 * allowed-requires: a module is loaded only by `require('<literal>')` (or a static import), and only
 *   `n8n-workflow`, `crypto` / `node:crypto` (the built-in n8n's community rules allow), or a
 *   relative path that resolves to a file inside the package. `require` used any other way
 *   (`require.resolve`, passed around, called with a computed name), dynamic `import()` of a
 *   computed name, and `module` used for anything but `module.exports` are errors.
 * forbidden-globals: no reference to `process`, `global`, `globalThis`, timers (`setTimeout`,
 *   `setInterval`, `setImmediate` and their `clear*`), `eval`, `Function`, network globals
 *   (`fetch`, `XMLHttpRequest`, `WebSocket`, `EventSource`), `__dirname` or `__filename`.
 *   File system, child processes and network modules (`fs`, `child_process`, `http`, `https`,
 *   `net`, …) are unreachable because allowed-requires admits no other module.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

const ALLOWED_MODULES = new Set(['n8n-workflow', 'crypto', 'node:crypto']);

const FORBIDDEN_GLOBALS = new Set([
	'process',
	'global',
	'globalThis',
	'setTimeout',
	'setInterval',
	'setImmediate',
	'clearTimeout',
	'clearInterval',
	'clearImmediate',
	'eval',
	'Function',
	'fetch',
	'XMLHttpRequest',
	'WebSocket',
	'EventSource',
	'__dirname',
	'__filename',
]);

/** References to names the file does not declare itself: globals, used or merely mentioned. */
function globalReferences(sourceCode, ast) {
	const scope = sourceCode.getScope(ast);
	return [
		...scope.through,
		...scope.variables.filter((variable) => variable.defs.length === 0).flatMap((variable) => variable.references),
	];
}

const staticString = (node) => {
	if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
	if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
	return undefined;
};

function resolvesInside(root, fromFile, specifier) {
	const base = resolve(dirname(fromFile), specifier);
	const inside = (path) => {
		const rel = relative(root, path);
		return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
	};
	return [base, `${base}.js`, `${base}.json`, join(base, 'index.js')].some(
		(candidate) => inside(candidate) && existsSync(candidate) && statSync(candidate).isFile(),
	);
}

const allowedRequires = {
	meta: { type: 'problem', schema: [] },
	create(context) {
		const root = context.settings.packageRoot;
		const check = (node, specifier) => {
			if (specifier === undefined) {
				context.report({ node, message: 'Module loaded by a computed name; only literal names can be checked' });
			} else if (specifier.startsWith('./') || specifier.startsWith('../')) {
				if (!resolvesInside(root, context.physicalFilename, specifier)) {
					context.report({ node, message: `'${specifier}' does not resolve to a file inside the package` });
				}
			} else if (!ALLOWED_MODULES.has(specifier)) {
				context.report({ node, message: `Loads '${specifier}'; shipped code may load only n8n-workflow, crypto and its own files` });
			}
		};
		const source = (node) => check(node, staticString(node.source));
		return {
			ImportDeclaration: source,
			ImportExpression: source,
			ExportAllDeclaration: source,
			ExportNamedDeclaration: (node) => node.source && source(node),
			'Program:exit'(ast) {
				for (const reference of globalReferences(context.sourceCode, ast)) {
					const { identifier } = reference;
					const parent = identifier.parent;
					if (identifier.name === 'require') {
						if (parent.type === 'CallExpression' && parent.callee === identifier) {
							check(parent, parent.arguments.length === 1 ? staticString(parent.arguments[0]) : undefined);
						} else {
							context.report({ node: identifier, message: '`require` used other than as require(<literal>)' });
						}
					} else if (identifier.name === 'module') {
						const isExports =
							parent.type === 'MemberExpression' &&
							parent.object === identifier &&
							!parent.computed &&
							parent.property.name === 'exports';
						if (!isExports) context.report({ node: identifier, message: '`module` used other than as module.exports' });
					}
				}
			},
		};
	},
};

const forbiddenGlobals = {
	meta: { type: 'problem', schema: [] },
	create(context) {
		return {
			'Program:exit'(ast) {
				for (const { identifier } of globalReferences(context.sourceCode, ast)) {
					if (FORBIDDEN_GLOBALS.has(identifier.name)) {
						context.report({ node: identifier, message: `Uses the global '${identifier.name}'` });
					}
				}
			},
		};
	},
};

export default { rules: { 'allowed-requires': allowedRequires, 'forbidden-globals': forbiddenGlobals } };
