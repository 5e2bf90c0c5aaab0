import type { INodeProperties } from 'n8n-workflow';

import { recordLocator } from './fields';

/**
 * A record picked from a searchable list or typed in, as an optional field of a collection (a
 * filter, an additional field): shown once the user adds it, never required; sent under `property`
 * when given, else read by the operation's own preSend.
 */
export function optionalLocator(options: {
	name: string;
	noun: string;
	searchListMethod: string;
	description: string;
	property?: string;
}): INodeProperties {
	const { name, noun, searchListMethod, description, property } = options;
	const field: INodeProperties = { ...recordLocator({ name, noun, searchListMethod, displayOptions: {} }), description };
	delete field.required;
	delete field.displayOptions;
	if (property) field.routing = { send: { type: 'body', property } };
	return field;
}
