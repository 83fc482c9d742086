import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperation } from '../shared/operation';
import * as automatedAction from './actions/automatedAction';
import * as cql from './actions/cql';
import * as event from './actions/event';
import { searchAutomatedActions } from './methods/listSearch';

export class ChartHop implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ChartHop',
		name: 'chartHop',
		icon: { light: 'file:../../icons/charthop.svg', dark: 'file:../../icons/charthop.dark.svg' },
		group: ['transform'],
		// Version 2: events' `at` is an ISO 8601 date (version 1 keeps ChartHop's epoch milliseconds).
		version: [1, 2],
		defaultVersion: 2,
		// Each operation's node creator words; a literal, as n8n's lint wants (a unit test keeps them equal).
		subtitle:
			'={{ ({"event:get":"Get an event","event:getAll":"Get many events","action:create":"Create an automated action","action:delete":"Delete an automated action","action:get":"Get an automated action","action:getAll":"Get many automated actions","cql:evaluate":"Evaluate a CQL expression","cql:validate":"Validate CQL expressions"})[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] }}',
		description: 'Read ChartHop events, manage automated actions and check CQL',
		defaults: { name: 'ChartHop' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'chartHopApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Automated Action', value: 'action' },
					{ name: 'CQL', value: 'cql' },
					{ name: 'Event', value: 'event' },
				],
				default: 'event',
			},
			...event.description,
			...automatedAction.description,
			...cql.description,
		],
	};

	methods = { listSearch: { searchAutomatedActions } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Resource values as saved in workflows: "Automated Action" is saved as `action`.
		return await routeOperation(this, {
			action: automatedAction.operations,
			cql: cql.operations,
			event: event.operations,
		});
	}
}
