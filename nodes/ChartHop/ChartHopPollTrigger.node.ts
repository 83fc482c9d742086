import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { includeRawOption } from '../shared/descriptions';
import { eventPatternsField } from './trigger/description';
import { pollEvents } from './trigger/poll';

export class ChartHopPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ChartHop Poll Trigger',
		name: 'chartHopPollTrigger',
		icon: { light: 'file:../../icons/charthop.svg', dark: 'file:../../icons/charthop.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Polls the event list',
		description:
			"Starts the workflow on new ChartHop events, by checking ChartHop's event list on a schedule",
		defaults: { name: 'ChartHop Poll Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'chartHopApi', required: true }],
		polling: true,
		properties: [
			{
				displayName:
					'Checks for new events on every poll and emits them oldest first; the first poll after activation only notes the time. It needs no webhook, but cannot apply CQL filters: use the ChartHop Trigger for those.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			eventPatternsField({ cqlFilter: false }),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [includeRawOption('event', 'ChartHop')],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollEvents.call(this);
	}
}
