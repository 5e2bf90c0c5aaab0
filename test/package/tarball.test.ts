/**
 * What `npm publish` would upload: exactly the built node and credential with their codex file and
 * icons, the README, licence and manifest — nothing from development — and a manifest that makes
 * npm install nothing beside n8n's own n8n-workflow.
 */
import { fixture, packedPaths, readPackageJson, PACKAGE } from './helpers';
import {
	manifestProblems,
	missingAssets,
	missingEntryPoints,
	staleFiles,
	unexpectedFiles,
	unreachableScripts,
	unsafeIcons,
} from './tarball-checks';

describe('the tarball npm would publish', () => {
	const pkg = readPackageJson();
	let paths: string[];

	beforeAll(() => {
		paths = packedPaths();
	});

	it('holds every node and credential package.json lists for n8n', () => {
		expect(missingEntryPoints(paths, pkg)).toEqual([]);
		expect(pkg.n8n?.nodes).toContain('dist/nodes/PgAi/PgAi.node.js');
		expect(pkg.n8n?.credentials).toContain('dist/credentials/PgAiApi.credentials.js');
	});

	it('holds each node’s codex file and the light and dark icons each node and credential points at', () => {
		expect(missingAssets(paths, pkg, PACKAGE)).toEqual([]);
		expect(paths).toEqual(
			expect.arrayContaining([
				'dist/nodes/PgAi/PgAi.node.json',
				'dist/nodes/PgAi/PgAiTrigger.node.json',
				'dist/icons/pgAi.svg',
				'dist/icons/pgAi.dark.svg',
			]),
		);
	});

	it('ships nothing else: no tests, sandbox, scripts, examples, bench, TypeScript sources or source maps', () => {
		expect(unexpectedFiles(paths, pkg)).toEqual([]);
	});

	it('ships README and LICENSE', () => {
		expect(paths).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
	});

	it('ships no leftovers of old builds and no script that nothing loads', () => {
		expect(staleFiles(paths, PACKAGE)).toEqual([]);
		expect(unreachableScripts(paths, pkg, PACKAGE)).toEqual([]);
	});

	it('has no runtime dependencies and n8n-workflow only as an optional "*" peer', () => {
		expect(manifestProblems(pkg)).toEqual([]);
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.peerDependenciesMeta).toEqual({ 'n8n-workflow': { optional: true } });
	});

	it('ships icons that are plain drawings', () => {
		expect(unsafeIcons(paths, PACKAGE)).toEqual([]);
	});
});

describe('the tarball checks fail on a bad package', () => {
	const bad = () =>
		fixture({
			'package.json': JSON.stringify({
				name: 'n8n-nodes-bad',
				version: '0.0.1',
				main: 'index.js',
				files: ['dist', 'test', 'nodes'],
				scripts: { postinstall: 'node dist/setup.js' },
				n8n: {
					n8nNodesApiVersion: 1,
					nodes: ['dist/nodes/Bad/Bad.node.js', 'dist/nodes/Gone/Gone.node.js'],
					credentials: ['dist/credentials/BadApi.credentials.js'],
				},
				dependencies: { lodash: '^4.17.21' },
				peerDependencies: { 'n8n-workflow': '^1.0.0' },
			}),
			'index.js': 'module.exports = {};',
			'README.md': '# bad',
			'dist/nodes/Bad/Bad.node.js':
				"class Bad { constructor() { this.description = { name: 'bad', icon: { light: 'file:bad.svg', dark: 'file:bad.dark.svg' } }; } }\nexports.Bad = Bad;\n",
			'dist/nodes/Bad/Bad.node.js.map': '{}',
			'dist/nodes/Bad/bad.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
			'dist/nodes/Bad/orphan.js': 'exports.x = 1;',
			'dist/credentials/BadApi.credentials.js': "class BadApi { constructor() { this.name = 'badApi'; this.icon = 'file:bad.svg'; } }\nexports.BadApi = BadApi;\n",
			'nodes/Bad/Bad.node.ts': 'export class Bad {}',
			'test/bad.test.js': '',
		});

	it('names every problem', () => {
		const { dir, cleanup } = bad();
		try {
			const pkg = readPackageJson(dir);
			const paths = packedPaths(dir);

			expect(missingEntryPoints(paths, pkg)).toEqual([
				'dist/nodes/Gone/Gone.node.js is listed in package.json "n8n" but not in the tarball',
			]);
			expect(missingAssets(paths, pkg, dir)).toEqual([
				'dist/nodes/Bad/Bad.node.json (codex of node bad) is not in the tarball',
				'dist/nodes/Bad/bad.dark.svg (dark icon of node bad) is not in the tarball',
				"credential badApi has no light and dark icon ({ light: 'file:…', dark: 'file:…' })",
			]);
			expect(unexpectedFiles(paths, pkg)).toEqual([
				'dist/nodes/Bad/Bad.node.js.map ships (source map)',
				'nodes/Bad/Bad.node.ts ships (TypeScript source or declaration)',
				'test/bad.test.js ships (development folder)',
			]);
			expect(staleFiles(paths, dir)).toEqual(
				expect.arrayContaining([
					'dist/credentials/BadApi.credentials.js has no source in the repository (left over from an old build?)',
					'dist/nodes/Bad/orphan.js has no source in the repository (left over from an old build?)',
				]),
			);
			expect(unreachableScripts(paths, pkg, dir)).toEqual(['dist/nodes/Bad/orphan.js ships but no node or credential loads it']);
			expect(manifestProblems(pkg)).toEqual([
				'dependencies must be empty: lodash',
				'peerDependencies["n8n-workflow"] must be "*", is "^1.0.0"',
				'peerDependenciesMeta["n8n-workflow"].optional must be true',
				"scripts.postinstall would run on the user's machine at install",
			]);
			expect(unsafeIcons(paths, dir)).toEqual(['dist/nodes/Bad/bad.svg contains a script']);
		} finally {
			cleanup();
		}
	});
});
