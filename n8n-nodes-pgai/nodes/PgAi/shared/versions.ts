import type { IDisplayOptions } from 'n8n-workflow';

/**
 * The node's light versions. n8n keeps the typeVersion a workflow was saved with and gives new
 * nodes the newest, so a change that would alter what a saved workflow does (a default, what is
 * sent) comes under the newest version only. The package README's "Node versions" lists them.
 */
export const VERSIONS = [1, 1.1];
export const NEWEST_VERSION = 1.1;

type Versions = 'v1' | 'since1.1';

const CONDITIONS = {
	v1: [{ _cnd: { lt: 1.1 } }],
	'since1.1': [{ _cnd: { gte: 1.1 } }],
} satisfies { [versions in Versions]: Array<{ _cnd: { lt: number } | { gte: number } }> };

/** `displayOptions` shown only for `versions` of the node. */
export function forVersions(versions: Versions, displayOptions: IDisplayOptions = {}): IDisplayOptions {
	return { ...displayOptions, show: { ...displayOptions.show, '@version': CONDITIONS[versions] } };
}
