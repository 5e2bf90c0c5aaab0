import type { INode } from 'n8n-workflow';

import type { CredentialContext } from '../../n8n-nodes-pgai/nodes/PgAi/transport/credential';
import { rerunOf } from '../../n8n-nodes-pgai/nodes/PgAi/transport/rerun';

const node: INode = { id: '1', name: 'PG:AI', type: 'CUSTOM.pgAi', typeVersion: 1, position: [0, 0], parameters: {}, retryOnFail: true };

/** The parts of an operation's context the memory reads: the node, n8n's execute data of the run, and the run index. */
function context(run: object | undefined, runIndex = 0, settings: Partial<INode> = {}): CredentialContext {
	return {
		getNode: () => ({ ...node, ...settings }),
		getExecuteData: () => run,
		getWorkflowDataProxy: () => ({ $runIndex: runIndex }),
	} as unknown as CredentialContext;
}

const create = { method: 'POST', url: '/contacts', body: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@analytical.example' } };
const answer = { status: 201, headers: {}, body: { id: 'c1', email: 'ada@analytical.example' } };

describe('what a try of a node run remembers for the next', () => {
	it('gives a later try of the same run, item, account and request the earlier answer, as a fresh copy', () => {
		const run = {};
		rerunOf(context(run), 3, 'account')!.of(create).answered(answer);
		const earlier = rerunOf(context(run), 3, 'account')!.of({ ...create, body: { ...create.body } }).earlier();
		expect(earlier).toEqual({ status: 201, headers: {}, body: answer.body });
		expect(earlier!.body).not.toBe(answer.body);
	});

	it('throws the failure after which PG:AI may have acted', () => {
		const run = {};
		const failure = new Error('Internal error');
		expect(rerunOf(context(run), 0, 'account')!.of(create).failed(failure)).toBe(failure);
		expect(() => rerunOf(context(run), 0, 'account')!.of(create).earlier()).toThrow(failure);
	});

	it('knows nothing for another run, run index, item, account or request', () => {
		const run = {};
		rerunOf(context(run), 0, 'account')!.of(create).answered(answer);
		const others = [
			rerunOf(context({}), 0, 'account')!.of(create),
			rerunOf(context(run, 1), 0, 'account')!.of(create),
			rerunOf(context(run), 1, 'account')!.of(create),
			rerunOf(context(run), 0, 'another account')!.of(create),
			rerunOf(context(run), 0, 'account')!.of({ ...create, body: { ...create.body, email: 'ada@another.example' } }),
			rerunOf(context(run), 0, 'account')!.of({ ...create, qs: { page: 2 } }),
			rerunOf(context(run), 0, 'account')!.of({ ...create, url: '/companies' }),
		];
		for (const memo of others) expect(memo.earlier()).toBeUndefined();
	});

	it('is kept only where n8n may run the node again: Retry On Fail on, in an execution, for an item', () => {
		expect(rerunOf(context({}, 0, { retryOnFail: false }), 0, 'account')).toBeUndefined();
		expect(rerunOf(context(undefined), 0, 'account')).toBeUndefined();
		expect(rerunOf(context({}), undefined, 'account')).toBeUndefined();
		const poll = { getNode: () => node } as unknown as CredentialContext;
		expect(rerunOf(poll, 0, 'account')).toBeUndefined();
	});
});
