/** §7 Tasks: list with filters (a data envelope), get, create. No update or delete is documented. */
import type { Ctx } from '../context';
import { inListOrder, listReply, type ListSpec } from '../envelopes';
import { fail, notFound, validationError } from '../errors';
import type { Reply } from '../http';
import { BodyReader, isDateOnly, many, one } from '../params';
import type { Task } from '../records';
import type { NewTask } from '../store';
import { TASK_PRIORITIES, TASK_STATUSES } from '../vocabulary';

const tasksSpec: ListSpec<Task> = { listName: 'tasks', current: 'data' };

/** A real calendar day as YYYY-MM-DD: 2025-02-30 has the shape but is no date. */
function isCalendarDate(value: string): boolean {
	return isDateOnly(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value);
}

/**
 * Filters company_id and status (repeated or comma-separated). Inferred: an unknown status value
 * answers 400, as the accounts' tier filter does; an unknown company_id is only a filter that
 * matches nothing, as the accounts' territory_id is.
 */
export function listTasks(ctx: Ctx): Reply {
	const companyId = one(ctx.query, 'company_id');
	const statuses = many(ctx.query, 'status');
	const wrong = statuses.find((status) => !(TASK_STATUSES as readonly string[]).includes(status));
	if (wrong !== undefined) fail(validationError([`Invalid parameter "status": "${wrong}" is not one of ${TASK_STATUSES.join(', ')}`]));
	const all = ctx.state.store.data.tasks;
	const filtered = companyId === undefined && !statuses.length
		? all
		: all.filter((task) => (companyId === undefined || task.company_id === companyId) && (!statuses.length || statuses.includes(task.status)));
	return listReply(ctx, inListOrder(ctx, filtered), tasksSpec);
}

export function getTask(ctx: Ctx): Reply {
	return { status: 200, body: ctx.state.store.task(ctx.params.taskId) ?? fail(notFound('Task')) };
}

/**
 * The docs show neither the status code (201 here, as POST /contacts) nor the 400's body (the
 * validation shape here, every problem named). Inferred: an unknown company_id answers 404, as
 * POST /companies does for an unknown id; assignee_id is not checked, since no endpoint lists users.
 * A status in the body is ignored like any field the docs do not give: a new task is pending.
 */
export function createTask(ctx: Ctx): Reply {
	const body = new BodyReader(ctx);
	const input = {
		title: body.string('title', true),
		description: body.string('description'),
		company_id: body.string('company_id'),
		assignee_id: body.string('assignee_id'),
		due_date: body.string('due_date'),
		priority: body.string('priority'),
	};
	if (input.due_date !== undefined && !isCalendarDate(input.due_date)) body.details.push('Invalid field: "due_date" must be a date as YYYY-MM-DD');
	if (input.priority !== undefined && !(TASK_PRIORITIES as readonly string[]).includes(input.priority)) {
		body.details.push(`Invalid field: "priority" must be one of ${TASK_PRIORITIES.join(', ')}`);
	}
	body.done();
	const { store } = ctx.state;
	if (input.company_id !== undefined && !store.company(input.company_id)) fail(notFound('Company'));
	return { status: 201, body: store.createTask(input as NewTask) };
}
