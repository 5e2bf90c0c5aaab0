/** §5 The company assistant: a slow chat that keeps conversations apart by conversation_id. */
import type { Ctx } from '../context';
import { slug } from '../data';
import { fail, insufficientCredits, notFound } from '../errors';
import type { Reply } from '../http';
import { BodyReader } from '../params';
import { findCompany } from './companies';

export async function chat(ctx: Ctx): Promise<Reply> {
	const company = findCompany(ctx);
	const body = new BodyReader(ctx);
	const message = body.string('message', true);
	const conversationId = body.string('conversation_id');
	body.done();
	const { state } = ctx;
	let conversation = conversationId === undefined ? undefined : state.conversations.get(conversationId);
	if (conversationId !== undefined && (!conversation || conversation.org !== ctx.key.org || conversation.companyId !== company.id)) {
		fail(notFound('Conversation'));
	}
	if (ctx.org.credits.content_credits <= 0) fail(insufficientCredits('content_credits'));
	ctx.org.credits.content_credits--;
	const id = conversationId ?? state.store.uuid();
	if (!conversation) {
		conversation = { org: ctx.key.org, companyId: company.id, turns: 0 };
		state.conversations.set(id, conversation);
	}
	conversation.turns++;
	const turn = conversation.turns;
	await state.wait(state.config.assistantDelayMs);

	const signals = (state.store.data.relevance[company.id] ?? []).slice(0, 3);
	const lines = [
		`**${company.company_name}**: on "${(message as string).slice(0, 120)}"`,
		'',
		turn > 1 ? `Continuing our conversation (message ${turn}).` : `${company.description}`,
		'',
		...signals.map((signal) => `- ${signal.title} (${signal.date.slice(0, 10)})`),
		'',
		`Suggested angle: lead with how you help ${company.industry.toLowerCase()} teams of about ${company.employee_count} people.`,
	];
	return {
		status: 200,
		body: {
			conversation_id: id,
			message: {
				role: 'assistant',
				content: lines.join('\n'),
				sources: signals.map((signal) => ({ title: signal.title, url: `https://${company.website_domain}/news/${slug(signal.title)}` })),
			},
			created_at: new Date().toISOString(),
		},
	};
}
