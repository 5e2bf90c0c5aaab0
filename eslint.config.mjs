import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

/**
 * What n8n checks of a community package: @n8n/eslint-plugin-community-nodes (recommended) on the
 * code and package.json, and eslint-plugin-n8n-nodes-base's community, credentials and nodes sets.
 */
const n8nBase = { 'n8n-nodes-base': n8nNodesBase };

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'sandbox/**', 'test/**', 'scripts/**', 'bench/**', 'examples/**', '*.js', '*.mjs'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{ files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'], ...communityNodes.configs.recommended, ignores: [] },
	{ files: ['package.json'], plugins: n8nBase, rules: n8nNodesBase.configs.community.rules },
	{ files: ['credentials/**/*.ts'], plugins: n8nBase, rules: n8nNodesBase.configs.credentials.rules },
	{ files: ['nodes/**/*.ts'], plugins: n8nBase, rules: n8nNodesBase.configs.nodes.rules },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		rules: {
			// Contradicted by @n8n/community-nodes/node-connection-type-literal, which wants NodeConnectionTypes.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// "Only applicable to nodes in the main repository"; community credentials link to their own docs.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
];
