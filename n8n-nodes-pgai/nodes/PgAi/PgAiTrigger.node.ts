import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { getTerritories, searchCompanies, searchTerritories } from './listSearch';
import { retryPolicy } from './shared/parameters';
import { connect } from './transport/connect';
import { asNodeError } from './transport/errors';
import { eventProperties, eventSource, eventSubtitle } from './trigger/events';
import { pollList } from './trigger/poll';

/** Key of the trigger's state in the node's static data. */
const STATE_KEY = 'pgAiTrigger';

export class PgAiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PG:AI Trigger',
		name: 'pgAiTrigger',
		icon: { light: 'file:../../icons/pgAi.svg', dark: 'file:../../icons/pgAi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventSubtitle,
		// n8n's node creator lists PG:AI and its trigger as one entry, with the trigger's description (on
		// 1.123 and 2.40): it says what both do.
		description: 'PG:AI’s territories, accounts, contacts, tasks, company intelligence and workflows, and n8n workflows started by new records',
		defaults: { name: 'PG:AI Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pgAiApi', required: true }],
		properties: eventProperties,
	};

	methods = {
		listSearch: { searchTerritories, searchCompanies },
		loadOptions: { getTerritories },
	};

	/**
	 * One poll. Active: emits each record created since the last poll, once, oldest first; the first
	 * poll after activation emits nothing and remembers what exists. Manual test run: the newest few
	 * records, without touching what the active workflow remembers. The state is written only after
	 * every request of the poll succeeded; a failing poll throws and leaves it as it was.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const manual = this.getMode() === 'manual';
		const staticData = this.getWorkflowStaticData('node');
		try {
			const client = await connect(this, { policy: () => retryPolicy(this) });
			const outcome = await pollList(client, this.getNode(), eventSource(this), staticData[STATE_KEY], manual);
			if (outcome.state && JSON.stringify(outcome.state) !== JSON.stringify(staticData[STATE_KEY])) {
				staticData[STATE_KEY] = outcome.state as unknown as IDataObject;
			}
			return outcome.emit.length ? [this.helpers.returnJsonArray(outcome.emit as IDataObject[])] : null;
		} catch (error) {
			throw asNodeError(this.getNode(), error);
		}
	}
}
