/**
 * shownFor: one parameter shared by operations of several resources must be shown for exactly those
 * operations, since n8n shows it for every resource × operation its displayOptions name.
 */
import { shownFor } from '../../n8n-nodes-pgai/nodes/PgAi/shared/resource';

const existing = new Set(['contact:get', 'contact:getAll', 'contact:search', 'company:get', 'company:searchContacts', 'company:getRelevance', 'search:query']);
const covered = (groups: Array<{ resource: string[]; operation: string[] }>) =>
	new Set(groups.flatMap(({ resource, operation }) => resource.flatMap((r) => operation.map((o) => `${r}:${o}`))).filter((pair) => existing.has(pair)));

describe('shownFor', () => {
	it('merges resources whose product names no other operation', () => {
		const groups = shownFor([['company', 'getRelevance'], ['search', 'query']], existing);
		expect(groups).toEqual([{ resource: ['company', 'search'], operation: ['getRelevance', 'query'] }]);
	});

	it('keeps apart resources whose product would show the parameter for another operation', () => {
		// contact × {get, getAll, search} with company × {searchContacts} would also name company:get
		const pairs: Array<[string, string]> = [['contact', 'get'], ['contact', 'getAll'], ['contact', 'search'], ['company', 'searchContacts']];
		const groups = shownFor(pairs, existing);
		expect(groups).toHaveLength(2);
		expect(covered(groups)).toEqual(new Set(pairs.map(([r, o]) => `${r}:${o}`)));
	});
});
