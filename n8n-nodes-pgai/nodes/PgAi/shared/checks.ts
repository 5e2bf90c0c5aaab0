/**
 * Checks of an operation's request before anything is sent: input PG:AI would refuse anyway, refused
 * here with what to fix. They run in the operation's hook, so that a refusal reaches Continue On
 * Fail and an agent's model like one of PG:AI's.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import type { ApiRequest } from '../transport/client';
import { refusedInput } from '../transport/errors';

export type Check = (node: INode, request: ApiRequest, itemIndex: number) => void;

const valuesOf = (bag: unknown): IDataObject => (bag && typeof bag === 'object' ? (bag as IDataObject) : {});

/** The body's fields, those left empty taken out: optional fields added but not filled in. */
function filledIn(request: ApiRequest): IDataObject {
	const body = valuesOf(request.body);
	for (const key of Object.keys(body)) {
		if (typeof body[key] === 'string' && (body[key] as string).trim() === '') delete body[key];
	}
	return body;
}

export const requireEmail: Check = (node, request, itemIndex) => {
	const body = valuesOf(request.body);
	const email = String(body.email ?? '').trim();
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw refusedInput(node, { kind: 'invalidEmail', value: email }, itemIndex);
	body.email = email;
};

/** A search needs something to search by. */
export const requireCriteria: Check = (node, request, itemIndex) => {
	const given = Object.values(valuesOf(request.body)).some((value) =>
		Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && String(value).trim() !== '',
	);
	if (!given) throw refusedInput(node, { kind: 'noCriteria' }, itemIndex);
};

/** Adding a company needs something to identify it by; an external ID needs its system. */
export const requireCompanyIdentity: Check = (node, request, itemIndex) => {
	const body = filledIn(request);
	if (!body.company_name && !body.domain && !body.id) throw refusedInput(node, { kind: 'noCompanyIdentity' }, itemIndex);
	if (body.external_id && !body.source_system) throw refusedInput(node, { kind: 'externalIdWithoutSystem' }, itemIndex);
};

/** Searching chosen companies needs the companies. */
export const requireCompanyIds: Check = (node, request, itemIndex) => {
	const qs = valuesOf(request.qs);
	const ids = qs.company_ids;
	const empty = ids === undefined || (Array.isArray(ids) ? ids.length === 0 : String(ids).trim() === '');
	if (qs.scope === 'companies' && empty) throw refusedInput(node, { kind: 'noCompanyIds' }, itemIndex);
};

/** A task needs a title. */
export const requireTitle: Check = (node, request, itemIndex) => {
	if (!filledIn(request).title) throw refusedInput(node, { kind: 'noTitle' }, itemIndex);
};

/** A run needs its workflow; a company or contact left empty is not sent. */
export const requireWorkflow: Check = (node, request, itemIndex) => {
	if (!filledIn(request).workflow_id) throw refusedInput(node, { kind: 'emptyId', label: 'Workflow ID' }, itemIndex);
};
