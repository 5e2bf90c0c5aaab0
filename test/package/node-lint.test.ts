/**
 * n8n's node lint on what the package builds: `n8n-node lint` checks the sources, and its rules
 * (eslint-plugin-n8n-nodes-base's node-param-*, node-class-description-*, cred-class-*, and
 * @n8n/community-nodes') match object literals, so the parameters helper functions build are
 * invisible to it. Here both nodes' and the credential's built descriptions (dist/) are written
 * out as literal TypeScript in a temporary copy of the package's layout and linted with the
 * package's eslint.config.mjs, n8n's default config (./node-lint/). The last block plants defects
 * to show the rules are on and the findings name the parameter.
 */
import type { INodeProperties } from 'n8n-workflow';

import { readPackageJson } from './helpers';
import { copyOf, formatFindings, lintTrees, loadBuilt, writeTree, type Built, type Finding, type LintRun, type Tree } from './node-lint/linter';
import { label } from './node-lint/literal';

/** The rules n8n's config (@n8n/node-cli/eslint) turns off after including the plugin's configs. */
const OFF_FOR_NODES = [
	'n8n-nodes-base/node-class-description-inputs-wrong-regular-node',
	'n8n-nodes-base/node-class-description-outputs-wrong',
	'n8n-nodes-base/node-param-type-options-max-value-present',
];
const OFF_FOR_CREDENTIALS = [
	'n8n-nodes-base/cred-class-field-documentation-url-miscased',
	'n8n-nodes-base/cred-class-field-type-options-password-missing',
];

const built = loadBuilt();
const nodeNamed = (b: Built, className: string) => {
	const node = b.nodes.find((n) => n.className === className);
	if (!node) throw new Error(`no built node ${className}`);
	return node;
};

/** A collection parameter's options, sorted the way the unsorted-items rule wants them (by display name). */
const isSorted = (options: INodeProperties[]) =>
	options.every((option, i) => i === 0 || options[i - 1].displayName.localeCompare(option.displayName) <= 0);

/**
 * The planted copy: in PgAi, the first collection with five or more options that is sorted today
 * gets its options reversed, and the first boolean parameter a description that starts lowercase
 * without "Whether"; PgAiTrigger's display name loses "Trigger"; the credential's name loses its
 * Api suffix. Returns where each plant is.
 */
function plant(original: Built) {
	const b = copyOf(original);
	const properties = nodeNamed(b, 'PgAi').description.properties;
	const collection = properties.findIndex(
		(p) => p.type === 'collection' && (p.options?.length ?? 0) >= 5 && isSorted(p.options as INodeProperties[]),
	);
	if (collection < 0) throw new Error('PgAi has no sorted collection of five or more options to unsort');
	properties[collection].options!.reverse();
	const boolean = properties.findIndex((p) => p.type === 'boolean');
	if (boolean < 0) throw new Error('PgAi has no boolean parameter');
	properties[boolean].description = 'returns the record as PG:AI sends it';
	nodeNamed(b, 'PgAiTrigger').description.displayName = 'PG:AI Poller';
	b.credentials[0].credential.name = b.credentials[0].credential.name.replace(/Api$/, '');
	return {
		built: b,
		unsorted: `properties${label(properties[collection], collection)} › options`,
		lowercase: `properties${label(properties[boolean], boolean)} › description`,
		credential: b.credentials[0].file,
	};
}

describe("n8n's node lint (n8n-node lint's config) on the built descriptions written out as literals", () => {
	const planted = plant(built);
	let realTree: Tree;
	let plantedTree: Tree;
	let run: LintRun;

	beforeAll(() => {
		realTree = writeTree(built);
		plantedTree = writeTree(planted.built);
		run = lintTrees([realTree, plantedTree]);
	});
	afterAll(() => {
		realTree?.cleanup();
		plantedTree?.cleanup();
	});

	it("lints with the package's eslint, both nodes and the credential, the files package.json registers", () => {
		expect(run.eslint).toBe(readPackageJson().devDependencies?.eslint);
		expect(built.nodes.map((n) => n.file).sort()).toEqual(['nodes/PgAi/PgAi.node.ts', 'nodes/PgAi/PgAiTrigger.node.ts']);
		expect(built.credentials.map((c) => c.file)).toEqual(['credentials/PgAiApi.credentials.ts']);
		expect([...run.results[0].rules.keys()].sort()).toEqual([...built.nodes, ...built.credentials].map((x) => x.file).sort());
	});

	it("has on, for each file, every rule of the plugin configs n8n's config includes, but the ones it turns off", () => {
		const missing = (file: string, config: string) => run.configs[config].filter((rule) => !run.results[0].rules.get(file)!.includes(rule));
		for (const { file } of built.nodes) {
			expect(missing(file, 'n8n-nodes-base/nodes')).toEqual(OFF_FOR_NODES);
			expect(missing(file, '@n8n/community-nodes/recommended')).toEqual([]);
		}
		for (const { file } of built.credentials) {
			expect(missing(file, 'n8n-nodes-base/credentials')).toEqual(OFF_FOR_CREDENTIALS);
			expect(missing(file, '@n8n/community-nodes/recommended')).toEqual([]);
		}
		// The nodes config is what makes node-param-* rules run; it must be a real list.
		expect(run.configs['n8n-nodes-base/nodes']).toContain('n8n-nodes-base/node-param-collection-type-unsorted-items');
	});

	it('finds nothing in the real descriptions', () => {
		const { findings } = run.results[0];
		// Each finding as file:line, severity, rule and message, then the parameter it is about.
		if (findings.length > 0) throw new Error(`${findings.length} findings in the built descriptions:\n${formatFindings(findings)}`);
	});

	describe('planted defects are found, at the parameter they were planted in', () => {
		const finding = (file: string, rule: string, where?: string): Partial<Finding> =>
			expect.objectContaining({ file, rule, ...(where ? { where } : {}) }) as Partial<Finding>;

		it('a collection whose options are not sorted by display name', () => {
			expect(run.results[1].findings).toEqual(
				expect.arrayContaining([finding('nodes/PgAi/PgAi.node.ts', 'n8n-nodes-base/node-param-collection-type-unsorted-items', planted.unsorted)]),
			);
		});

		it('a boolean description that starts lowercase and without "Whether"', () => {
			expect(run.results[1].findings).toEqual(
				expect.arrayContaining([
					finding('nodes/PgAi/PgAi.node.ts', 'n8n-nodes-base/node-param-description-boolean-without-whether', planted.lowercase),
					finding('nodes/PgAi/PgAi.node.ts', 'n8n-nodes-base/node-param-description-lowercase-first-char', planted.lowercase),
				]),
			);
		});

		it("a trigger whose display name lacks \"Trigger\" (both plugins' rules)", () => {
			expect(run.results[1].findings).toEqual(
				expect.arrayContaining([
					finding('nodes/PgAi/PgAiTrigger.node.ts', 'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node', 'displayName'),
					finding('nodes/PgAi/PgAiTrigger.node.ts', '@n8n/community-nodes/trigger-node-conventions', 'displayName'),
				]),
			);
		});

		it('a credential name without its Api suffix', () => {
			expect(run.results[1].findings).toEqual(
				expect.arrayContaining([finding(planted.credential, 'n8n-nodes-base/cred-class-field-name-unsuffixed', 'name')]),
			);
		});
	});
});
