import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { joined, text } from './text';
import { forVersions } from './versions';

type Fields = IDataObject;

const nested = (value: unknown, key: string) =>
	(value && typeof value === 'object' && !Array.isArray(value) ? (value as Fields)[key] : value) as Fields[string];

/** The fields that have a value, in the order given. */
function present(fields: Fields): Fields {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null && value !== ''));
}

interface Kind {
	/** The fields Simplify keeps, as the option's description names them. */
	fields: string;
	pick: (record: Fields) => Fields;
}

/**
 * The essentials of each kind of record: what a person or a model needs, and the IDs other
 * operations take. Both shapes of a record the API has sent come out the same.
 */
const KINDS = {
	account: {
		fields: 'ID, company ID, name, domain, tier and score',
		pick: (r) => present({ id: r.id, company_id: r.company_id, name: r.name, domain: r.domain, tier: r.tier, score: r.score }),
	},
	contact: {
		fields: 'ID, name, title, email, company, location and LinkedIn URL',
		pick: (r) =>
			present({
				id: r.id,
				name: text(r.full_name) ?? joined(r.first_name, r.last_name),
				title: r.current_job_title ?? r.job_title,
				email: r.email,
				// the current API nests the company, older keys sent its name
				company: nested(r.company, 'name'),
				location: r.location ?? r.country,
				linkedin_url: r.linkedin_url,
			}),
	},
	company: {
		fields: 'ID, name, domain, industry, employee count, country and LinkedIn URL',
		pick: (r) =>
			present({
				id: r.id,
				name: r.company_name ?? r.name,
				domain: r.website_domain ?? r.domain,
				industry: r.industry,
				employee_count: r.employee_count,
				country: r.hq_country ?? r.country,
				linkedin_url: r.linkedin_url,
			}),
	},
	territory: {
		fields: 'ID, name, status and company count',
		pick: (r) => present({ id: r.id, name: r.territory_name ?? r.name, status: r.status, company_count: r.company_count }),
	},
	territoryCompany: {
		fields: 'company ID, name, domain, tier, score and status',
		// the older list summarised the company, its id being the company's
		pick: (r) =>
			present({ company_id: r.company_id ?? r.id, name: r.name, domain: r.domain, tier: r.tier, score: r.score, status: r.status }),
	},
	signal: {
		fields: 'company ID, company name, title, excerpt, source type, date and score',
		pick: (r) =>
			present({
				company_id: r.company_id,
				company_name: r.company_name,
				title: r.title,
				excerpt: r.excerpt,
				source_type: r.source_type,
				date: r.date,
				score: r.score,
			}),
	},
	task: {
		fields: 'ID, title, status, priority, company ID, assignee ID and due date',
		pick: (r) =>
			present({
				id: r.id,
				title: r.title,
				status: r.status,
				priority: r.priority,
				company_id: r.company_id,
				assignee_id: r.assignee_id,
				due_date: r.due_date,
			}),
	},
} satisfies { [name: string]: Kind };

export type RecordKind = keyof typeof KINDS;

/**
 * The Simplify option of operations that return records of `kind`. On by default, as n8n's
 * guidelines want: when n8n runs the node as an agent's tool (`@tool`), where every character is the
 * model's context, and from version 1.1 on the action node too. Off on version 1's action node, so
 * a saved workflow keeps the whole records it was built on.
 */
export function simplifyOptions(kind: RecordKind, displayOptions: IDisplayOptions): INodeProperties[] {
	const simplify = (shown: IDisplayOptions): INodeProperties => ({
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return only each record’s ${KINDS[kind].fields}, instead of the whole record`,
		displayOptions: shown,
	});
	return [
		{ ...simplify(forVersions('v1', { show: { ...displayOptions.show, '@tool': [false] } })), default: false },
		simplify(forVersions('v1', { show: { ...displayOptions.show, '@tool': [true] } })),
		simplify(forVersions('since1.1', displayOptions)),
	];
}

/** Records of `kind` reduced to their essentials. */
export function simplified(kind: RecordKind, records: unknown[]): unknown[] {
	const { pick } = KINDS[kind];
	return records.map((record) => (record && typeof record === 'object' && !Array.isArray(record) ? pick(record as Fields) : record));
}
