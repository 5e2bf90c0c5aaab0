/** §8 Workflows: the list (a bare array), triggering a run (202), and the run's execution record. */
import type { Ctx } from '../context';
import { inListOrder, listReply } from '../envelopes';
import { fail, notFound } from '../errors';
import type { Reply } from '../http';
import { BodyReader } from '../params';
import { workflowDefinition } from '../workflows';

/** The documented 400 of this endpoint is a plain string, not the validation shape. */
const badRequest = (message: string): Reply => ({ status: 400, body: { error: message } });

const retryAfter = (seconds: number) => ({ 'Retry-After': String(seconds) });

/** Not paged in the docs: every workflow in a bare array, unless an envelope mode forces one. */
export function listWorkflows(ctx: Ctx): Reply {
	return listReply(ctx, inListOrder(ctx, ctx.state.store.data.workflows), { listName: 'workflows', current: 'bareAll' });
}

/**
 * Inferred beyond the documented `workflow_id is required`: fields of the wrong type answer in the
 * validation shape as elsewhere; an unknown workflow, company or contact 404; a workflow that is not
 * active, or a run without the target its workflow needs, 400 in this endpoint's plain shape.
 */
export function triggerWorkflow(ctx: Ctx): Reply {
	const body = new BodyReader(ctx);
	const workflowId = body.string('workflow_id');
	const companyId = body.string('company_id');
	const contactId = body.string('contact_id');
	const parameters = body.object('parameters') ?? {};
	body.done();
	if (workflowId === undefined) fail(badRequest('workflow_id is required'));
	const definition = workflowDefinition(workflowId) ?? fail(notFound('Workflow'));
	const { record, needs, run } = definition;
	if (!run) fail(badRequest(`Workflow "${record.name}" is not active`));
	const given = { company_id: companyId, contact_id: contactId };
	if (needs && given[needs] === undefined) fail(badRequest(`${needs} is required by the workflow "${record.name}"`));
	const { state } = ctx;
	const company = companyId === undefined ? undefined : state.store.company(companyId) ?? fail(notFound('Company'));
	const contact = contactId === undefined ? undefined : state.store.contact(contactId) ?? fail(notFound('Contact'));

	const timing = { ...state.config.executions, ...state.config.workflowExecutions[workflowId] };
	const outcome = timing.fail
		? { error: { code: 'execution_failed', message: `${record.name} failed: the sandbox is configured to fail its runs` } }
		: run({
				company,
				contact,
				account: company && state.store.accountOfCompany(company.id),
				signals: (company && state.store.data.relevance[company.id]) || [],
				parameters,
			});
	const { accepted, retryAfter: seconds } = state.executions.start(ctx.key.org, workflowId, timing, outcome);
	return { status: 202, body: accepted, headers: retryAfter(seconds) };
}

export function getExecution(ctx: Ctx): Reply {
	const found = ctx.state.executions.view(ctx.params.executionId, ctx.key.org) ?? fail(notFound('Execution'));
	return { status: 200, body: found.view, headers: found.retryAfter === undefined ? undefined : retryAfter(found.retryAfter) };
}
