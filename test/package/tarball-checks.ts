/**
 * Checks of what `npm pack` would publish. Each returns the problems it finds (empty when all is
 * well), so the same check runs on the real package and, to prove it can fail, on a bad fixture.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

import type { PackageJson } from './helpers';

/** Files npm adds by itself, and the package's `main`. */
const TOP_LEVEL = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

/** What may ship under dist/: compiled JavaScript, icons, and the nodes' codex files. */
const DIST_FILE = /^dist\/(?:.+\.js|.+\.svg|.+\.png|nodes\/.+\.node\.json)$/;

/** Files that must never ship, named for clear messages even if `files` is widened one day. */
const FORBIDDEN = [
	{ pattern: /^(test|tests|sandbox|scripts|examples|bench|coverage|\.ci|\.github)\//, why: 'development folder' },
	{ pattern: /\.ts$/, why: 'TypeScript source or declaration' },
	{ pattern: /\.map$/, why: 'source map' },
	{ pattern: /(^|\/)\.(env|npmrc)/, why: 'local configuration' },
	{ pattern: /\.(tgz|tsbuildinfo|log)$/, why: 'build or pack leftover' },
];

export function unexpectedFiles(paths: string[], pkg: PackageJson): string[] {
	const allowedTopLevel = new Set([...TOP_LEVEL, ...(pkg.main ? [posix.normalize(pkg.main)] : [])]);
	const problems: string[] = [];
	for (const path of paths) {
		const forbidden = FORBIDDEN.find(({ pattern }) => pattern.test(path));
		if (forbidden) problems.push(`${path} ships (${forbidden.why})`);
		else if (!allowedTopLevel.has(path) && !DIST_FILE.test(path)) problems.push(`${path} ships but is not part of the package`);
	}
	return problems;
}

const entryPoints = (pkg: PackageJson) => ({
	nodes: pkg.n8n?.nodes ?? [],
	credentials: pkg.n8n?.credentials ?? [],
});

export function missingEntryPoints(paths: string[], pkg: PackageJson): string[] {
	const shipped = new Set(paths);
	const { nodes, credentials } = entryPoints(pkg);
	const problems = [...nodes, ...credentials]
		.map((path) => posix.normalize(path))
		.filter((path) => !shipped.has(path))
		.map((path) => `${path} is listed in package.json "n8n" but not in the tarball`);
	if (nodes.length === 0) problems.push('package.json "n8n.nodes" lists no node');
	return problems;
}

type Icon = string | { light?: string; dark?: string } | undefined;

interface Loaded {
	kind: 'node' | 'credential';
	name: string;
	icon: Icon;
}

/** Instantiates every class a built entry point exports and reads its name and icon. */
function loadEntryPoint(root: string, path: string, kind: Loaded['kind']): Loaded[] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(join(root, path)) as Record<string, unknown>;
	const loaded: Loaded[] = [];
	for (const value of Object.values(exported)) {
		if (typeof value !== 'function') continue;
		const instance = new (value as new () => Record<string, unknown>)();
		if (kind === 'node') {
			const description = instance.description as { name: string; icon?: Icon } | undefined;
			if (description) loaded.push({ kind, name: description.name, icon: description.icon });
		} else if (typeof instance.name === 'string') {
			loaded.push({ kind, name: instance.name, icon: instance.icon as Icon });
		}
	}
	return loaded;
}

/**
 * Each node's codex file (`X.node.json` beside `X.node.js`, naming `<package>.<node>`) and the
 * light and dark icon files each node and credential points at ship next to their JavaScript.
 */
export function missingAssets(paths: string[], pkg: PackageJson, root: string): string[] {
	const shipped = new Set(paths);
	const problems: string[] = [];
	const { nodes, credentials } = entryPoints(pkg);
	const entries = [
		...nodes.map((path) => ({ path: posix.normalize(path), kind: 'node' as const })),
		...credentials.map((path) => ({ path: posix.normalize(path), kind: 'credential' as const })),
	];
	for (const { path, kind } of entries) {
		if (!existsSync(join(root, path))) continue; // reported by missingEntryPoints
		const loaded = loadEntryPoint(root, path, kind);
		if (loaded.length === 0) problems.push(`${path} exports no ${kind}`);
		for (const { name, icon } of loaded) {
			if (kind === 'node') {
				const codex = path.replace(/\.js$/, '.json');
				if (!shipped.has(codex)) problems.push(`${codex} (codex of node ${name}) is not in the tarball`);
				else {
					const node = (JSON.parse(readFileSync(join(root, codex), 'utf8')) as { node?: string }).node;
					if (node !== `${pkg.name}.${name}`) problems.push(`${codex} names node "${node}", not "${pkg.name}.${name}"`);
				}
			}
			if (!icon || typeof icon === 'string') {
				problems.push(`${kind} ${name} has no light and dark icon ({ light: 'file:…', dark: 'file:…' })`);
				continue;
			}
			for (const theme of ['light', 'dark'] as const) {
				const file = icon[theme];
				if (!file?.startsWith('file:')) {
					problems.push(`${kind} ${name} has no ${theme} icon file`);
					continue;
				}
				const iconPath = posix.join(posix.dirname(path), file.slice('file:'.length));
				if (!shipped.has(iconPath)) problems.push(`${iconPath} (${theme} icon of ${kind} ${name}) is not in the tarball`);
			}
		}
	}
	return problems;
}

/** Every shipped dist/ file comes from a source in the repository (no leftovers of old builds). */
export function staleFiles(paths: string[], root: string): string[] {
	return paths
		.filter((path) => path.startsWith('dist/'))
		.filter((path) => {
			const source = path.slice('dist/'.length).replace(/\.js$/, '.ts');
			return !existsSync(join(root, source));
		})
		.map((path) => `${path} has no source in the repository (left over from an old build?)`);
}

/** Every shipped dist/ script is reached by `require` from a node or credential entry point. */
export function unreachableScripts(paths: string[], pkg: PackageJson, root: string): string[] {
	const shipped = new Set(paths);
	const reached = new Set<string>();
	const { nodes, credentials } = entryPoints(pkg);
	const queue = [...nodes, ...credentials].map((path) => posix.normalize(path)).filter((path) => shipped.has(path));
	while (queue.length > 0) {
		const file = queue.pop() as string;
		if (reached.has(file)) continue;
		reached.add(file);
		const code = readFileSync(join(root, file), 'utf8');
		for (const [, specifier] of code.matchAll(/require\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) {
			const base = posix.join(posix.dirname(file), specifier);
			const target = [base, `${base}.js`, `${base}/index.js`].find((candidate) => shipped.has(candidate));
			if (target) queue.push(target);
		}
	}
	return paths
		.filter((path) => path.startsWith('dist/') && path.endsWith('.js') && !reached.has(path))
		.map((path) => `${path} ships but no node or credential loads it`);
}

/** `dependencies` empty; `n8n-workflow` only as an optional `*` peer, so npm adds no second copy. */
export function manifestProblems(pkg: PackageJson): string[] {
	const problems: string[] = [];
	if (Object.keys(pkg.dependencies ?? {}).length > 0) {
		problems.push(`dependencies must be empty: ${Object.keys(pkg.dependencies ?? {}).join(', ')}`);
	}
	for (const field of ['optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
		const value = pkg[field];
		if (value && Object.keys(value as object).length > 0) problems.push(`${field} must be absent`);
	}
	const peers = pkg.peerDependencies ?? {};
	if (peers['n8n-workflow'] !== '*') problems.push(`peerDependencies["n8n-workflow"] must be "*", is ${JSON.stringify(peers['n8n-workflow'])}`);
	const otherPeers = Object.keys(peers).filter((name) => name !== 'n8n-workflow');
	if (otherPeers.length > 0) problems.push(`unexpected peerDependencies: ${otherPeers.join(', ')}`);
	if (pkg.peerDependenciesMeta?.['n8n-workflow']?.optional !== true) {
		problems.push('peerDependenciesMeta["n8n-workflow"].optional must be true');
	}
	for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) {
		if (pkg.scripts?.[script]) problems.push(`scripts.${script} would run on the user's machine at install`);
	}
	return problems;
}

/** Icons are plain drawings: no script, event handler, embedded document or outside reference. */
export function unsafeIcons(paths: string[], root: string): string[] {
	const problems: string[] = [];
	for (const path of paths.filter((p) => p.endsWith('.svg'))) {
		const svg = readFileSync(join(root, path), 'utf8');
		if (!/<svg[\s>]/i.test(svg)) problems.push(`${path} is not an SVG`);
		if (/<script/i.test(svg)) problems.push(`${path} contains a script`);
		if (/\son[a-z]+\s*=/i.test(svg)) problems.push(`${path} contains an event handler`);
		if (/<foreignObject/i.test(svg)) problems.push(`${path} embeds a foreign document`);
		if (/(?:href|src)\s*=\s*["'](?!#|data:image\/)/i.test(svg)) problems.push(`${path} references an outside resource`);
	}
	return problems;
}
