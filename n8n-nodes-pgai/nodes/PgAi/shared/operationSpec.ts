import type { INodeProperties } from 'n8n-workflow';

import type { Endpoint } from '../transport/api';
import type { WorkName } from '../transport/completion';
import type { Check } from './checks';
import type { RecordKind } from './simplify';
import type { Operation } from './tool';

/**
 * Everything about one operation, said once: from it come its routing (the hook and its endpoint),
 * its tool description, whether it has Return All / Limit and Simplify, and its Options collection.
 */
export interface OperationSpec extends Operation {
	endpoint: Endpoint;
	/** One request and its record(s); a paged list; or a list that, with Live on, is one asynchronous request. */
	delivery: 'one' | 'list' | 'listOrLive';
	/** The kind of record it returns, when Simplify applies. */
	records?: RecordKind;
	/**
	 * The answer may be unfinished asynchronous work (202): whether the node waits for it unless the
	 * user says otherwise (Wait for Completion and Completion Timeout join its options).
	 */
	waitByDefault?: boolean;
	/** The kind of asynchronous work it answers with: a §6 operation unless it says otherwise. */
	awaits?: WorkName;
	/** Checks of the request before it is sent. */
	checks?: Check[];
	/** The operation's own entries of its Options collection. */
	options?: INodeProperties[];
}

export interface ResourceSpec {
	resource: string;
	operations: OperationSpec[];
	defaultOperation: string;
	/** The resource's parameters, shown before Return All / Limit. */
	fields?: INodeProperties[];
	/** Parameters shown after Return All / Limit (filters). */
	filters?: INodeProperties[];
}
