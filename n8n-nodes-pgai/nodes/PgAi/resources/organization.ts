import { ENDPOINTS } from '../transport/api';
import type { ResourceSpec } from '../shared/resource';

export const organizationResource: ResourceSpec = {
	resource: 'organization',
	defaultOperation: 'getCredits',
	operations: [
		{
			name: 'Get Credits',
			value: 'getCredits',
			answer: 'Answers with the organization and its remaining credits of each kind (credit_remaining).',
			action: 'Get the credit balance of the organization',
			description: 'Show how many credits of each kind the organization has left',
			endpoint: ENDPOINTS.organization.getCredits,
			delivery: 'one',
		},
	],
};
