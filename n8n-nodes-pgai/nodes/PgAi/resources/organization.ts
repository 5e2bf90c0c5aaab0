import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import { operationsOf, optionsCollection, showFor } from '../shared/fields';
import { route } from '../shared/routing';
import { single } from '../shared/run';

export const organizationOperations = operationsOf(
	'organization',
	[
		{
			name: 'Get Credits',
			value: 'getCredits',
			answer: 'Answers with the organisation and its remaining credits of each kind (credit_remaining).',
			action: 'Get the credit balance',
			description: 'Show how many credits of each kind the organisation has left',
			routing: route(single, ENDPOINTS.organization.getCredits),
		},
	],
	'getCredits',
);

export const organizationFields: INodeProperties[] = [optionsCollection(showFor('organization', ['getCredits']))];
