/**
 * PG:AI's own workflows (§8) as the sandbox runs them: a fixed catalogue, the same for every seed and
 * organisation, so users in another process can name them without asking. The ids take both forms
 * the docs show (wf_… in the guide, a UUID in the reference).
 */
import type { Outcome } from './operations';
import type { Account, Company, Contact, RelevanceItem, Workflow } from './records';

/** What a run was given, looked up, with what the sandbox knows of its company. */
export interface RunInput {
	company?: Company;
	contact?: Contact;
	/** The tracked account of the company, if any. */
	account?: Account;
	/** The company's relevance signals, best first. */
	signals: RelevanceItem[];
	parameters: Record<string, unknown>;
}

export interface WorkflowDefinition {
	record: Workflow;
	/** The target a run must name. Inferred: the docs make both optional, but a workflow is about something. */
	needs: 'company_id' | 'contact_id' | null;
	/** The run's outcome, decided when it is triggered; absent for the workflow that is not active. */
	run?: (input: RunInput) => Outcome;
}

function accountResearch({ company, account, signals: all, parameters }: RunInput): Outcome {
	const target = company as Company;
	const signals = all.slice(0, 3);
	const fit = account ? `, tier ${account.tier} (score ${account.score})` : '';
	const strongest = signals.length ? ` Strongest recent signal: "${signals[0].title}".` : '';
	return {
		result: {
			summary: `${target.company_name}: ${target.industry}, about ${target.employee_count} employees, ${target.hq_country}${fit}.${strongest}`,
			outputs: {
				company_id: target.id,
				company_name: target.company_name,
				website_domain: target.website_domain,
				industry: target.industry,
				employee_count: target.employee_count,
				hq_country: target.hq_country,
				technologies: target.technologies,
				account: account ? { id: account.id, score: account.score, tier: account.tier, owner: account.owner } : null,
				signals: signals.map(({ title, source_type, date, score }) => ({ title, source_type, date, score })),
				parameters,
			},
		},
	};
}

function contactEnrichment({ contact, parameters }: RunInput): Outcome {
	const target = contact as Contact;
	const role = `${target.current_job_title ?? 'no current title'} at ${target.company?.name ?? 'no known company'}`;
	return {
		result: {
			summary: `${target.full_name}: ${role}; ${target.emails.length} email address(es), ${target.phones.length} phone number(s).`,
			outputs: {
				contact_id: target.id,
				full_name: target.full_name,
				current_job_title: target.current_job_title,
				company: target.company,
				emails: target.emails,
				phones: target.phones,
				linkedin_url: target.linkedin_url,
				location: target.location,
				parameters,
			},
		},
	};
}

export const WORKFLOWS: readonly WorkflowDefinition[] = [
	{
		record: {
			id: 'wf_account_research',
			name: 'Account Research',
			description: 'Researches a company: firmographics, account fit and its strongest recent signals. Needs company_id.',
			status: 'active',
			created_at: '2023-02-06T09:00:00.000Z',
		},
		needs: 'company_id',
		run: accountResearch,
	},
	{
		record: {
			id: 'c8a5e0f2-6b1d-4f3a-9e27-4d1b8c0a7f63',
			name: 'Contact Enrichment',
			description: 'Enriches a contact with email addresses, phone numbers and current role. Needs contact_id.',
			status: 'active',
			created_at: '2023-02-06T09:30:00.000Z',
		},
		needs: 'contact_id',
		run: contactEnrichment,
	},
	{
		record: {
			id: 'wf_crm_sync',
			name: 'CRM Sync',
			description: 'Pushes a company and its contacts to the connected CRM. Needs company_id.',
			status: 'active',
			created_at: '2023-09-18T14:00:00.000Z',
		},
		needs: 'company_id',
		// The workspace has no CRM connected: every run fails, so clients meet a failed execution.
		run: () => ({ error: { code: 'integration_not_connected', message: 'CRM Sync failed: no CRM integration is connected to this workspace' } }),
	},
	{
		record: {
			id: 'wf_territory_rebalance',
			name: 'Territory Rebalance',
			description: 'Redistributes accounts across territories by score.',
			status: 'inactive',
			created_at: '2024-01-22T11:15:00.000Z',
		},
		needs: null,
	},
];

const BY_ID = new Map(WORKFLOWS.map((definition) => [definition.record.id, definition]));

export function workflowDefinition(id: string): WorkflowDefinition | undefined {
	return BY_ID.get(id);
}
