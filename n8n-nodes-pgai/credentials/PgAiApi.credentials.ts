import type {
	IAuthenticateGeneric,
	IAuthenticateRuleResponseCode,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

const REJECTED = 'PG:AI rejected the API key (401). Copy the key again from PG:AI.';

export class PgAiApi implements ICredentialType {
	name = 'pgAiApi';

	displayName = 'PG:AI API';

	icon = { light: 'file:../icons/pgAi.svg', dark: 'file:../icons/pgAi.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-pgai';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Create a key in PG:AI under Settings → API keys, with the scopes your workflows need',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.pipelinegeneration.ai/v1',
			required: true,
			description:
				'The API address shown in your PG:AI workspace. Newer workspaces use https://api.getpg.ai/public-api/v1.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'x-api-key': '={{$credentials.apiKey}}' } },
	};

	/**
	 * Any answer but 401 (and a 404 that means a wrong base URL) proves the key: a key without the
	 * territories:read scope gets 403 here and is still valid for what its scopes allow. The list
	 * form of ignoreHttpStatusErrors is n8n 2's; n8n 1 ignores every status, so the 401 body is
	 * checked as well. The whole address is the url, with no baseURL: n8n would add a baseURL's host
	 * to the credential's Allowed Domains, and the test must be refused where the node is.
	 */
	test: ICredentialTestRequest = {
		request: {
			url: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}/territories',
			qs: { page: 1, per_page: 1 },
			disableFollowRedirect: true,
			ignoreHttpStatusErrors: { ignore: true, except: [400, 401, 404, 405, 500, 502, 503, 504] },
		},
		// n8n's type wants one kind of rule per list; its tester handles both kinds in one.
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: REJECTED } },
			{ type: 'responseCode', properties: { value: 404, message: 'No PG:AI API at this Base URL (404). Check the Base URL.' } },
			...['Invalid API key', 'Missing API key'].map((value) => ({
				type: 'responseSuccessBody',
				properties: { key: 'error', value, message: REJECTED },
			})),
		] as unknown as IAuthenticateRuleResponseCode[],
	};
}
