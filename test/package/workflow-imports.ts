/**
 * What compiled JavaScript takes from `n8n-workflow`: every property read from
 * `require("n8n-workflow")` (directly, through tsc's `__importStar` / `__importDefault` wrappers,
 * or by destructuring), one level deeper where it reads a member of an export
 * (`NodeConnectionTypes.Main`), and which reads have a fallback (`a.x ?? a.y`).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const espree = require('espree') as { parse: (code: string, options: object) => AstNode };

interface AstNode {
	type: string;
	[key: string]: unknown;
}

export interface WorkflowUse {
	/** `Name` or `Name.member`. */
	name: string;
	file: string;
	line: number;
	/** For `x.a ?? x.b` (or `||`): on the use of `a`, the name `b` used when `a` is missing. */
	fallback?: string;
}

export interface WorkflowImports {
	uses: WorkflowUse[];
	/** Reads that cannot be checked: computed names, the module object passed around. */
	problems: string[];
}

const WRAPPERS = new Set(['__importStar', '__importDefault', '__toESM']);

const isRequireOfWorkflow = (node: AstNode | null | undefined): boolean =>
	node?.type === 'CallExpression' &&
	(node.callee as AstNode).type === 'Identifier' &&
	(node.callee as { name: string }).name === 'require' &&
	((node.arguments as AstNode[])[0] as { value?: unknown } | undefined)?.value === 'n8n-workflow';

/** `require("n8n-workflow")`, possibly wrapped by a tsc interop helper. */
function unwrap(node: AstNode | null | undefined): boolean {
	if (isRequireOfWorkflow(node)) return true;
	if (node?.type === 'CallExpression') {
		const callee = node.callee as { type: string; name?: string };
		return callee.type === 'Identifier' && WRAPPERS.has(callee.name ?? '') && isRequireOfWorkflow((node.arguments as AstNode[])[0]);
	}
	return false;
}

function visit(node: unknown, parent: AstNode | undefined, enter: (node: AstNode, parent: AstNode | undefined) => void) {
	if (!node || typeof node !== 'object') return;
	if (Array.isArray(node)) {
		for (const child of node) visit(child, parent, enter);
		return;
	}
	const ast = node as AstNode;
	if (typeof ast.type !== 'string') return;
	enter(ast, parent);
	for (const [key, value] of Object.entries(ast)) {
		if (key !== 'parent' && key !== 'loc' && key !== 'range') visit(value, ast, enter);
	}
}

const lineOf = (node: AstNode) => (node.loc as { start: { line: number } }).start.line;
const propertyName = (member: AstNode) =>
	member.computed ? undefined : ((member.property as { name?: string; value?: string }).name ?? undefined);

export function workflowImports(files: Array<{ file: string; code: string }>): WorkflowImports {
	const uses: WorkflowUse[] = [];
	const problems: string[] = [];

	for (const { file, code } of files) {
		const ast = espree.parse(code, { ecmaVersion: 'latest', sourceType: 'script', loc: true });
		const parents = new Map<AstNode, AstNode | undefined>();
		const bindings = new Set<string>();
		const declarations = new Set<AstNode>();

		visit(ast, undefined, (node, parent) => {
			parents.set(node, parent);
			if (node.type === 'VariableDeclarator' && unwrap(node.init as AstNode)) {
				const id = node.id as AstNode;
				declarations.add(id);
				if (id.type === 'Identifier') bindings.add(id.name as string);
				else if (id.type === 'ObjectPattern') {
					for (const property of id.properties as AstNode[]) {
						const key = property.key as { name?: string } | undefined;
						if (property.type === 'Property' && !property.computed && key?.name) {
							uses.push({ name: key.name, file, line: lineOf(property) });
						} else problems.push(`${file}:${lineOf(property)} destructures n8n-workflow in a way that cannot be checked`);
					}
				} else problems.push(`${file}:${lineOf(id)} binds n8n-workflow in a way that cannot be checked`);
			}
		});

		/** Records `member` (a read of `name` from the module) with its deeper read and fallback. */
		const record = (member: AstNode, name: string) => {
			const outer = parents.get(member);
			const deeper = outer?.type === 'MemberExpression' && outer.object === member ? propertyName(outer) : undefined;
			let fallback: string | undefined;
			if (outer?.type === 'LogicalExpression' && ['??', '||'].includes(outer.operator as string) && outer.left === member) {
				const right = outer.right as AstNode;
				const rightName = right.type === 'MemberExpression' ? propertyName(right) : undefined;
				const rightObject = right.type === 'MemberExpression' ? (right.object as AstNode) : undefined;
				if (rightName && rightObject && ((rightObject.type === 'Identifier' && bindings.has(rightObject.name as string)) || unwrap(rightObject))) {
					fallback = rightName;
				}
			}
			uses.push({ name, file, line: lineOf(member), ...(fallback ? { fallback } : {}) });
			if (deeper) uses.push({ name: `${name}.${deeper}`, file, line: lineOf(member) });
		};

		visit(ast, undefined, (node) => {
			const parent = parents.get(node);
			if (isRequireOfWorkflow(node)) {
				if (parent?.type === 'MemberExpression' && parent.object === node) {
					const name = propertyName(parent);
					if (name) record(parent, name);
					else problems.push(`${file}:${lineOf(node)} reads n8n-workflow by a computed name`);
				}
				return;
			}
			if (node.type !== 'Identifier' || !bindings.has(node.name as string) || declarations.has(node)) return;
			if (parent?.type === 'MemberExpression' && parent.object === node) {
				const name = propertyName(parent);
				if (name) record(parent, name);
				else problems.push(`${file}:${lineOf(node)} reads n8n-workflow by a computed name`);
			} else if (!(parent?.type === 'MemberExpression' && parent.property === node && !parent.computed)) {
				problems.push(`${file}:${lineOf(node)} uses the n8n-workflow module object itself`);
			}
		});
	}
	return { uses, problems };
}
