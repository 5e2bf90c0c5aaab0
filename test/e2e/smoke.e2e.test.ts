/**
 * The harness itself, with n8n's own nodes only: import a workflow into real n8n, execute it with the
 * CLI, read each node's output items.
 */
import { LINE, expectSuccess, itemsOf, setupLine, teardownLine, workflow, type E2eN8n } from './helpers';

let n8n: E2eN8n;

beforeAll(async () => {
	({ n8n } = await setupLine({ sandbox: false }));
});
afterAll(() => teardownLine());

test(`n8n line ${LINE} runs a Manual Trigger → Code → Edit Fields workflow`, async () => {
	const run = expectSuccess(
		await n8n.run(
			workflow([
				{
					type: 'n8n-nodes-base.code',
					parameters: { jsCode: 'return [1, 2, 3].map((n) => ({ json: { n, square: n * n } }));' },
				},
				{
					type: 'n8n-nodes-base.set',
					parameters: {
						assignments: {
							assignments: [{ id: 'a1', name: 'label', type: 'string', value: '={{ "item " + $json.n }}' }],
						},
						includeOtherFields: true,
						options: {},
					},
				},
			]),
		),
	);

	expect(itemsOf(run, 'Manual Trigger')).toHaveLength(1);
	expect(itemsOf(run, 'Code').map((i) => i.json)).toEqual([
		{ n: 1, square: 1 },
		{ n: 2, square: 4 },
		{ n: 3, square: 9 },
	]);
	const out = itemsOf(run, 'Edit Fields');
	expect(out.map((i) => i.json)).toEqual([
		{ n: 1, square: 1, label: 'item 1' },
		{ n: 2, square: 4, label: 'item 2' },
		{ n: 3, square: 9, label: 'item 3' },
	]);
	// each output item stays linked to the input item it came from
	expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
});

test(`n8n line ${LINE} reports a failing node as the run's error`, async () => {
	const run = await n8n.run(
		workflow([{ type: 'n8n-nodes-base.code', name: 'Boom', parameters: { jsCode: "throw new Error('boom from the e2e smoke test');" } }]),
	);
	expect(run.error?.message).toContain('boom from the e2e smoke test');
	expect(run.data.runData.Boom[0].error?.message).toContain('boom from the e2e smoke test');
});
