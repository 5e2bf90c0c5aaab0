import type { ICredentialDataDecryptedObject, IExecuteSingleFunctions, ILoadOptionsFunctions, INode, IPollFunctions } from 'n8n-workflow';

import { badBaseUrl } from './errors';
import { nextTick } from './wait';

export const CREDENTIAL_TYPE = 'pgAiApi';

/** Any n8n context that holds the PG:AI credential. */
export type CredentialContext = IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The credential's base URL without trailing slashes, refused when it could leak or mislead. */
export function checkedBaseUrl(node: INode, raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim().replace(/\/+$/, '') : '';
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw badBaseUrl(node, { kind: 'notUrl', text });
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badBaseUrl(node, { kind: 'protocol', text, protocol: url.protocol });
	if (url.username || url.password) throw badBaseUrl(node, { kind: 'userInfo', text });
	if (url.search || url.hash) throw badBaseUrl(node, { kind: 'queryOrFragment', text });
	return text;
}

/** A node run's one read of the credential, and the turn of the last item that asked for it. */
interface Run {
	read: Promise<ICredentialDataDecryptedObject>;
	last: Promise<unknown>;
}

/** Keyed by n8n's execute data, one per node run. */
const runs = new WeakMap<object, Run>();

/**
 * The credential, read once per node run as n8n's RoutingNode reads it for its own requests, and
 * handed to the items one after another with a tick of n8n's timer between them. n8n starts every
 * input item in one loop that does not yield; handed to all at once, the items would each read
 * their parameters before the first request could leave. In turn, the first item's request leaves
 * at once and the later items are prepared while the earlier ones wait for the rate limit. (Read
 * per item, 500 items waited for 500 database reads one after another: bench/RESULTS.md, fan-out
 * floor.)
 */
export async function credentialOf(context: CredentialContext): Promise<ICredentialDataDecryptedObject> {
	const key = 'getExecuteData' in context ? (context.getExecuteData() as object | undefined) : undefined;
	if (!key) return await context.getCredentials(CREDENTIAL_TYPE);
	let run = runs.get(key);
	let turn: Promise<unknown>;
	if (!run) {
		const read = context.getCredentials(CREDENTIAL_TYPE);
		runs.set(key, (run = { read, last: read }));
		turn = read;
	} else {
		// the next item's turn comes whether this read succeeded or not
		turn = run.last.then(nextTick, nextTick);
	}
	run.last = turn.catch(() => undefined);
	await turn;
	return await run.read;
}
