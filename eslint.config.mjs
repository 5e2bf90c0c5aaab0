// The workshop's code: sandbox, tests, scripts and benchmarks. They start servers, read files and
// spawn n8n, so n8n's community-node rules do not apply; n8n-nodes-pgai/ has its own, n8n's default
// config (`npm run lint` runs both).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['n8n-nodes-pgai/**', '**/node_modules/**', '**/dist/**', 'coverage/**', 'bench/.runs/**'] },
	{
		files: ['**/*.{ts,mjs,js}'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		languageOptions: {
			globals: { ...globals.node, ...globals.jest },
		},
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
		},
	},
	{
		// CommonJS entry points (the sandbox's bin) load with require().
		files: ['**/*.js'],
		languageOptions: { sourceType: 'commonjs' },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
	{
		// Tests read JSON answers of servers whose shapes they assert on field by field.
		files: ['test/**/*.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' },
	},
);
