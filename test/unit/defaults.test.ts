/**
 * n8n's linter wants the descriptions' defaults as literals; the hooks fall back on DEFAULTS. The
 * built descriptions must show exactly those values.
 */
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULTS } from '../../n8n-nodes-pgai/nodes/PgAi/shared/fields';
import { PgAi } from '../../n8n-nodes-pgai/nodes/PgAi/PgAi.node';
import { PgAiTrigger } from '../../n8n-nodes-pgai/nodes/PgAi/PgAiTrigger.node';

/** Every parameter of a description, collection options included, with its path. */
function* walk(properties: INodeProperties[], path = ''): Generator<[string, INodeProperties]> {
	for (const property of properties) {
		yield [`${path}${property.name}`, property];
		const options = (property.options ?? []) as INodeProperties[];
		if (property.type === 'collection') yield* walk(options, `${path}${property.name}.`);
	}
}

const all = [...walk(new PgAi().description.properties), ...walk(new PgAiTrigger().description.properties)];

describe('the defaults shown are the defaults used', () => {
	it.each([
		['limit', DEFAULTS.limit],
		['options.maxRetries', DEFAULTS.maxRetries],
		['options.maxWaitSeconds', DEFAULTS.maxWaitSeconds],
		['options.completionTimeoutSeconds', DEFAULTS.completionTimeoutSeconds],
	])('%s defaults to %d everywhere it is shown', (path, value) => {
		const shown = all.filter(([at]) => at === path).map(([, property]) => property.default);
		expect(shown.length).toBeGreaterThan(0);
		expect(new Set(shown)).toEqual(new Set([value]));
	});
});
