import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { searchCompanies, searchTerritories } from './listSearch';
import { retryPolicy } from './shared/parameters';
import { connect } from './transport/connect';
import { asNodeError } from './transport/errors';
import { eventProperties, eventSource } from './trigger/events';
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
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when PG:AI has new territory companies, accounts, contacts or tasks',
		defaults: { name: 'PG:AI Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pgAiApi', required: true }],
		properties: eventProperties,
	};

	methods = {
		listSearch: { searchTerritories, searchCompanies },
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
