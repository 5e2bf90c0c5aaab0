/**
 * Control endpoints under /_sandbox/ for users in another process (the e2e suite, demos,
 * benchmarks). They need no key, are not recorded, and are never faulted or rate limited.
 */
import type { SandboxData } from './data';
import { faultRuleFromJson } from './faults';
import { parseJson, type Reply } from './http';
import type { State } from './state';
import type { ConfigPatch, RecordKind } from './types';

function parse(raw: string): unknown {
	const { body, bodyInvalid } = parseJson(raw);
	if (bodyInvalid) throw new Error('body must be valid JSON');
	return body;
}

/** `path` is relative to /_sandbox. Errors become 400 with the reason. */
export function admin(state: State, method: string, path: string, raw: string): Reply {
	try {
		return route(state, method, path, raw);
	} catch (error) {
		return { status: 400, body: { error: (error as Error).message } };
	}
}

function route(state: State, method: string, path: string, raw: string): Reply {
	const [, section, name] = path.split('/');
	switch (`${method} /${section}`) {
		case 'GET /requests':
			return { status: 200, body: state.requests };
		case 'DELETE /requests':
			state.clearRequests();
			return { status: 204 };
		case 'GET /windows':
			return { status: 200, body: state.limiter?.opened ?? [] };
		case 'GET /config':
			return { status: 200, body: { ...state.config, credits: state.orgs.main.credits } };
		case 'POST /config':
			state.configure((parse(raw) ?? {}) as ConfigPatch);
			return { status: 200, body: { ...state.config, credits: state.orgs.main.credits } };
		case 'POST /faults':
			state.faults.inject(faultRuleFromJson(parse(raw)));
			return { status: 201, body: { ok: true } };
		case 'DELETE /faults':
			state.faults.clear();
			return { status: 204 };
		case 'POST /records': {
			const body = parse(raw);
			const records = state.store.addRecords(name as RecordKind, (Array.isArray(body) ? body : [body]) as Array<Record<string, unknown>>);
			return { status: 201, body: records };
		}
		case 'GET /data': {
			const data = state.store.data;
			if (!name || !Object.hasOwn(data, name)) return { status: 404, body: { error: `unknown collection; one of ${Object.keys(data).join(', ')}` } };
			return { status: 200, body: data[name as keyof SandboxData] };
		}
		default:
			return { status: 404, body: { error: 'Not found' } };
	}
}
