/**
 * Lints folders laid out like the package (nodes/**\/*.ts, credentials/**\/*.ts) with the
 * configuration `n8n-node lint` uses: the package's own eslint.config.mjs (in strict mode n8n's
 * default, `config` from @n8n/node-cli/eslint), through the ESLint class of the eslint the
 * package resolves. Prints, as JSON, that eslint's version, the rules of the configs n8n's config is made of
 * (eslint-plugin-n8n-nodes-base's nodes and credentials configs, @n8n/community-nodes'
 * recommended one) and, for each folder, each linted file's findings and the rules on for it.
 *
 *   node run-eslint.mjs <package-folder> <folder>...
 *
 * A separate process because @n8n/eslint-plugin-community-nodes is an ES module jest's CommonJS
 * runtime cannot load, and because eslint-plugin-n8n-nodes-base treats every file as
 * "Test.node.ts" when NODE_ENV is "test", which jest sets; the caller clears it.
 */
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [packageFolder, ...folders] = process.argv.slice(2).map((folder) => resolve(folder));
if (!packageFolder || folders.length === 0) {
	process.stderr.write('usage: node run-eslint.mjs <package-folder> <folder>...\n');
	process.exit(2);
}
const requireFromPackage = createRequire(join(packageFolder, 'package.json'));
const { ESLint } = requireFromPackage('eslint');
const { default: config } = await import(pathToFileURL(join(packageFolder, 'eslint.config.mjs')).href);

// The plugins as @n8n/node-cli's config loads them (it has its own eslint-plugin-n8n-nodes-base).
const requireFromCli = createRequire(requireFromPackage.resolve('@n8n/node-cli/eslint'));
const nodesBase = requireFromCli('eslint-plugin-n8n-nodes-base');
const { n8nCommunityNodesPlugin } = requireFromCli('@n8n/eslint-plugin-community-nodes');
const configs = {
	'n8n-nodes-base/nodes': Object.keys(nodesBase.configs.nodes.rules),
	'n8n-nodes-base/credentials': Object.keys(nodesBase.configs.credentials.rules),
	'@n8n/community-nodes/recommended': Object.keys(n8nCommunityNodesPlugin.configs.recommended.rules),
};

const isOn = (setting) => {
	const level = Array.isArray(setting) ? setting[0] : setting;
	return level !== 0 && level !== 'off';
};

const folderReports = [];
for (const cwd of folders) {
	const eslint = new ESLint({ cwd, overrideConfigFile: true, baseConfig: config });
	const results = await eslint.lintFiles(['nodes/**/*.ts', 'credentials/**/*.ts']);
	const files = [];
	for (const result of results) {
		const calculated = await eslint.calculateConfigForFile(result.filePath);
		files.push({
			file: relative(cwd, result.filePath).split('\\').join('/'),
			rules: Object.entries(calculated?.rules ?? {})
				.filter(([, setting]) => isOn(setting))
				.map(([rule]) => rule)
				.sort(),
			messages: result.messages.map(({ ruleId, severity, message, line, column }) => ({
				ruleId,
				severity,
				message,
				line,
				column,
			})),
		});
	}
	folderReports.push({ folder: cwd, files });
}
process.stdout.write(JSON.stringify({ eslint: ESLint.version, configs, folders: folderReports }));
