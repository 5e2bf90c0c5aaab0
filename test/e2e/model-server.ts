/**
 * A scripted OpenAI-compatible model for n8n's OpenAI Chat Model (its credential's Base URL points
 * here). Asked without a tool result, it calls the scripted tool with the scripted arguments, one
 * for every key of the JSON schema n8n sent; asked again with the tool's result, it answers with a
 * message quoting that result. Every request is kept, so a test can read what n8n sent the model.
 * Answers as a stream when n8n asks for one (`stream: true`), as one JSON body otherwise.
 *
 *   const model = await startModelServer();
 *   model.script({ tool: 'Search_accounts', args: { query: 'software' } });
 *   // … run the agent, then:
 *   model.toolResults(); // what the tool answered, as the model received it
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ToolSpec {
	type: 'function';
	function: { name: string; description?: string; parameters?: { properties?: Record<string, unknown> } };
}

interface Message {
	role: string;
	content?: unknown;
	tool_call_id?: string;
}

export interface ChatRequest {
	model: string;
	messages: Message[];
	tools?: ToolSpec[];
	stream?: boolean;
	stream_options?: { include_usage?: boolean };
}

export interface ScriptedCall {
	/** The tool's name as n8n offers it: the node's name with spaces as underscores. */
	tool: string;
	args: Record<string, unknown>;
}

/** What a message's content says, whether n8n sent it as text or as parts. */
function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (part as { text?: string }).text ?? '').join('');
	return content === undefined || content === null ? '' : JSON.stringify(content);
}

export const ANSWER_PREFIX = 'The PG:AI tool answered: ';

export class ModelServer {
	readonly requests: ChatRequest[] = [];
	/** Requests the server could not answer as scripted, with why: a test fails on any. */
	readonly problems: string[] = [];
	private call: ScriptedCall | undefined;

	private constructor(
		private readonly server: ReturnType<typeof createServer>,
		readonly url: string,
	) {}

	static async start(): Promise<ModelServer> {
		const handlers: { model?: ModelServer } = {};
		const server = createServer((req, res) => void handlers.model?.handle(req, res));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		handlers.model = new ModelServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
		return handlers.model;
	}

	/** The tool call of the next conversation; clears what earlier ones recorded. */
	script(call: ScriptedCall): void {
		this.call = call;
		this.requests.length = 0;
		this.problems.length = 0;
	}

	/** The tool results n8n sent back to the model, in order. */
	toolResults(): string[] {
		const last = this.requests.at(-1);
		return (last?.messages ?? []).filter((message) => message.role === 'tool').map((message) => textOf(message.content));
	}

	/** The tools n8n offered in its first request of the conversation. */
	toolsOffered(): ToolSpec[] {
		return this.requests[0]?.tools ?? [];
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const path = (req.url ?? '').replace(/\?.*$/, '');
		if (req.method === 'GET' && path.endsWith('/models')) {
			return this.json(res, 200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', owned_by: 'scripted' }] });
		}
		if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
			this.problems.push(`unexpected ${req.method} ${req.url}`);
			return this.json(res, 404, { error: { message: `no ${req.method} ${path} here` } });
		}
		const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
		this.requests.push(request);
		const reply = this.reply(request);
		if (request.stream) this.stream(res, request, reply);
		else this.complete(res, request, reply);
	}

	/** A tool call when the conversation has no tool result yet, else the closing message. */
	private reply(request: ChatRequest): { toolCall?: { name: string; arguments: string }; content?: string } {
		const results = request.messages.filter((message) => message.role === 'tool');
		if (results.length) return { content: `${ANSWER_PREFIX}${results.map((message) => textOf(message.content)).join('\n')}` };
		const call = this.call;
		const tool = request.tools?.find((spec) => spec.function.name === call?.tool);
		if (!call || !tool) {
			const offered = (request.tools ?? []).map((spec) => spec.function.name).join(', ') || 'none';
			this.problems.push(`no tool ${call?.tool ?? '(none scripted)'} among the tools offered: ${offered}`);
			return { content: 'No tool to call.' };
		}
		const keys = Object.keys(tool.function.parameters?.properties ?? {});
		const missing = keys.filter((key) => !(key in call.args));
		if (missing.length) this.problems.push(`the script has no value for ${missing.join(', ')} of ${tool.function.name}`);
		const args = Object.fromEntries(keys.map((key) => [key, call.args[key]]));
		return { toolCall: { name: tool.function.name, arguments: JSON.stringify(args) } };
	}

	private complete(res: ServerResponse, request: ChatRequest, reply: ReturnType<ModelServer['reply']>): void {
		const message = reply.toolCall
			? { role: 'assistant', content: null, tool_calls: [{ id: 'call_pgai_1', type: 'function', function: reply.toolCall }] }
			: { role: 'assistant', content: reply.content };
		this.json(res, 200, {
			id: `chatcmpl-${this.requests.length}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: request.model,
			choices: [{ index: 0, message, logprobs: null, finish_reason: reply.toolCall ? 'tool_calls' : 'stop' }],
			usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
		});
	}

	private stream(res: ServerResponse, request: ChatRequest, reply: ReturnType<ModelServer['reply']>): void {
		res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
		const base = { id: `chatcmpl-${this.requests.length}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: request.model };
		const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
		const delta = reply.toolCall
			? { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_pgai_1', type: 'function', function: reply.toolCall }] }
			: { role: 'assistant', content: reply.content };
		send({ ...base, choices: [{ index: 0, delta, finish_reason: null }] });
		send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: reply.toolCall ? 'tool_calls' : 'stop' }] });
		if (request.stream_options?.include_usage) send({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } });
		res.end('data: [DONE]\n\n');
	}

	private json(res: ServerResponse, status: number, body: unknown): void {
		res.writeHead(status, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(body));
	}
}

export const startModelServer = () => ModelServer.start();
