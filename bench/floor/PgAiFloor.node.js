/**
 * The fan-out's floor: a declarative node that only reads its parameters (the same record-ID locator
 * PG:AI's Contact → Get has, its expression included) and lets n8n's own routing send GET
 * /contacts/{id}. Its time is what n8n itself spends on the items; PG:AI's time above it is the
 * node's own share. Loaded by the bench as a second custom extension (CUSTOM.pgAiFloor), never published.
 */
class PgAiFloor {
	constructor() {
		this.description = {
			displayName: 'PG:AI floor (bench)',
			name: 'pgAiFloor',
			group: ['transform'],
			version: 1,
			description: 'GET /contacts/{id} through n8n’s declarative routing, nothing else',
			defaults: { name: 'Floor' },
			inputs: ['main'],
			outputs: ['main'],
			requestDefaults: { baseURL: '={{ $parameter.baseUrl }}', headers: { 'x-api-key': '={{ $parameter.apiKey }}' } },
			properties: [
				{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
				{ displayName: 'API Key', name: 'apiKey', type: 'string', default: '' },
				{
					displayName: 'Contact',
					name: 'contactId',
					type: 'resourceLocator',
					default: { mode: 'id', value: '' },
					modes: [{ displayName: 'ID', name: 'id', type: 'string' }],
					routing: { request: { method: 'GET', url: '=/contacts/{{ typeof $value === "object" ? $value.value : $value }}' } },
				},
			],
		};
	}
}

module.exports = { PgAiFloor };
