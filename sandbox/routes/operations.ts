/** §6 Asynchronous operations: 202 on acceptance, then polled to completion. */
import type { Ctx } from '../context';
import { fail, notFound } from '../errors';
import type { Reply } from '../http';
import { isFinished, type Outcome } from '../operations';

/** The hint a client should wait before polling again. */
const RETRY_AFTER = { 'Retry-After': '1' };

export function operationAccepted(ctx: Ctx, finish: () => Outcome): Reply {
	const view = ctx.state.operations.create(ctx.key.org, ctx.state.config.operationPolls, finish);
	return { status: 202, body: view, headers: RETRY_AFTER };
}

export function getOperation(ctx: Ctx): Reply {
	const view = ctx.state.operations.poll(ctx.params.operationId, ctx.key.org) ?? fail(notFound('Operation'));
	return { status: 200, body: view, headers: isFinished(view) ? undefined : RETRY_AFTER };
}
