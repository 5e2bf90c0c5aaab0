import { ENDPOINTS } from '../transport/api';
import type { ResourceSpec } from '../shared/resource';

export const organizationResource: ResourceSpec = {
	resource: 'organization',
	defaultOperation: 'getCredits',
	operations: [
		{
			name: 'Get Credits',
			value: 'getCredits',
			answer: 'Answers with the organisation and its remaining credits of each kind (credit_remaining).',
			action: 'Get the credit balance',
			description: 'Show how many credits of each kind the organisation has left',
			endpoint: ENDPOINTS.organization.getCredits,
			delivery: 'one',
		},
	],
};
