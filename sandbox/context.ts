/** What a route handler gets for one request. */
import type { KeyInfo } from './keys';
import type { Organisation, State } from './state';

export type Query = Record<string, string | string[]>;

export interface Ctx {
	state: State;
	key: KeyInfo;
	org: Organisation;
	params: Record<string, string>;
	query: Query;
	/** Parsed JSON; undefined when the request had no body. */
	body: unknown;
	/** The body was present but not JSON. */
	bodyInvalid: boolean;
}
