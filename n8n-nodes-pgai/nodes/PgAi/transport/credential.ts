import type { ICredentialDataDecryptedObject, IExecuteSingleFunctions, ILoadOptionsFunctions, INode, IPollFunctions } from 'n8n-workflow';

import { badBaseUrl } from './errors';

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

/** A node run's credential reads: the last one started, and each item's. */
interface Reads {
	last: Promise<unknown>;
	items: Map<number, Promise<ICredentialDataDecryptedObject>>;
}

/** Keyed by n8n's execute data, one per node run. */
const runs = new WeakMap<object, Reads>();

/**
 * The item's credential, read once per item and one item after another within a node run. n8n
 * starts the requests of all input items in one loop that does not yield, and each credential read
 * is a database query that n8n builds synchronously: 500 items built 500 queries before the first
 * request could leave, and their answers (each followed by decryption) then raced the first
 * request. In turn, the first item's request goes at once, the next items follow it, and the later
 * ones are read while the earlier ones wait for the rate limit.
 */
export async function credentialOf(context: CredentialContext): Promise<ICredentialDataDecryptedObject> {
	const read = async () => await context.getCredentials(CREDENTIAL_TYPE);
	const run = 'getExecuteData' in context ? (context.getExecuteData() as object | undefined) : undefined;
	if (!run || !('getItemIndex' in context)) return await read();
	let reads = runs.get(run);
	if (!reads) runs.set(run, (reads = { last: Promise.resolve(), items: new Map() }));
	const itemIndex = context.getItemIndex();
	let current = reads.items.get(itemIndex);
	if (!current) {
		// the next item waits for this read whether it succeeds or not
		current = reads.last.then(read, read);
		reads.items.set(itemIndex, current);
		reads.last = current.catch(() => undefined);
	}
	return await current;
}
