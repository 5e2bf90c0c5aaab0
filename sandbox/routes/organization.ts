/** §5 Organisation credits, and the unauthenticated health check. */
import type { Ctx } from '../context';
import type { Reply } from '../http';

export function credits(ctx: Ctx): Reply {
	const { id, name, credits: remaining } = ctx.org;
	return { status: 200, body: { organization: { id, name }, credit_remaining: { ...remaining } } };
}

export function health(): Reply {
	return { status: 200, body: { status: 'ok' } };
}
