/**
 * Lints files of a package folder and prints `{ files, messages }` as JSON.
 *
 *   node lint.mjs <scanner|strict> <folder> <glob>...
 *
 * `scanner` is the ESLint configuration n8n's verification scanner (@n8n/scan-community-package,
 * scanner.mjs `buildScanConfig`) lints a community package with: the recommended rules of
 * @n8n/eslint-plugin-community-nodes, `no-console`, and the community / credentials / nodes rule
 * sets of eslint-plugin-n8n-nodes-base with the scanner's own exceptions. The scanner runs it twice:
 * on the unpacked tarball (`**\/*.js` and `package.json`) and on the source the package's npm
 * provenance points at (`package.json` and `{nodes,credentials}/**\/*.{js,ts,json}`).
 *
 * `strict` is this project's own check of shipped JavaScript (see ./strict-rules.mjs): it is
 * stricter than the scanner, which lets a file require any package listed in devDependencies.
 */
import { ESLint } from 'eslint';
import { defineConfig } from 'eslint/config';
import { relative, resolve, sep } from 'node:path';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tsParser from '@typescript-eslint/parser';

import strictRules from './strict-rules.mjs';

export function scannerConfig() {
	return defineConfig(
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
		{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
		{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
	);
}

export function strictConfig(packageRoot) {
	return defineConfig({
		files: ['**/*.js'],
		plugins: { pgai: strictRules },
		settings: { packageRoot },
		languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' },
		rules: {
			'pgai/allowed-requires': 'error',
			'pgai/forbidden-globals': 'error',
		},
	});
}

export async function lintFolder(mode, dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: mode === 'strict' ? strictConfig(dir) : scannerConfig(),
		errorOnUnmatchedPattern: false,
	});
	const results = await eslint.lintFiles(patterns);
	const file = (result) => relative(dir, result.filePath).split(sep).join('/');
	return {
		files: results.map(file).sort(),
		messages: results.flatMap((result) =>
			result.messages.map((message) => ({
				file: file(result),
				ruleId: message.ruleId,
				severity: message.severity,
				message: message.message,
				line: message.line,
			})),
		),
	};
}

const [mode, folder, ...patterns] = process.argv.slice(2);
const dir = folder && resolve(folder);
if (!['scanner', 'strict'].includes(mode) || !dir || patterns.length === 0) {
	process.stderr.write('usage: node lint.mjs <scanner|strict> <folder> <glob>...\n');
	process.exit(2);
}
process.stdout.write(JSON.stringify(await lintFolder(mode, dir, patterns)));
