/** API keys, the organisation each belongs to, and scope checks. */

export type OrgName = 'main' | 'noCredits';

export interface KeyInfo {
	name: string;
	scopes: readonly string[];
	org: OrgName;
}

const READ_SCOPES = ['territories:read', 'accounts:read', 'contacts:read', 'companies:read', 'insights:read', 'org_settings:read', 'tasks:read', 'workflows:read'];

/** Fixed values, so out-of-process users (CLI, e2e suite, demos) know them without asking. */
export const NAMED_KEYS: Record<string, { key: string; scopes: readonly string[]; org: OrgName }> = {
	demo: { key: 'pgai-sandbox-demo', scopes: ['*'], org: 'main' },
	readOnly: { key: 'pgai-sandbox-read-only', scopes: READ_SCOPES, org: 'main' },
	contactsOnly: { key: 'pgai-sandbox-contacts-only', scopes: ['contacts:read'], org: 'main' },
	noScopes: { key: 'pgai-sandbox-no-scopes', scopes: [], org: 'main' },
	noCredits: { key: 'pgai-sandbox-no-credits', scopes: ['*'], org: 'noCredits' },
	insightsOnly: { key: 'pgai-sandbox-insights-only', scopes: ['insights:*'], org: 'main' },
	/** An older key: accounts:read also covered territories. */
	accountsOnly: { key: 'pgai-sandbox-accounts-only', scopes: ['accounts:read'], org: 'main' },
};

/** Scopes that older keys used for the same access. */
const ALSO_GRANTED_BY: Record<string, string[]> = { 'territories:read': ['accounts:read'] };

export function buildKeyTable(extra: Record<string, string[]> = {}): Map<string, KeyInfo> {
	const table = new Map<string, KeyInfo>();
	for (const [name, entry] of Object.entries(NAMED_KEYS)) table.set(entry.key, { name, scopes: entry.scopes, org: entry.org });
	for (const [key, scopes] of Object.entries(extra)) table.set(key, { name: 'extra', scopes, org: 'main' });
	return table;
}

function grants(held: string, scope: string): boolean {
	if (held === '*' || held === scope) return true;
	return held.endsWith(':*') && scope.startsWith(held.slice(0, -1));
}

export function hasScope(scopes: readonly string[], scope: string): boolean {
	const accepted = [scope, ...(ALSO_GRANTED_BY[scope] ?? [])];
	return scopes.some((held) => accepted.some((wanted) => grants(held, wanted)));
}
