import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperation } from '../shared/operation';
import * as bulkCollect from './actions/bulkCollect';
import * as employee from './actions/employee';
import * as subscription from './actions/subscription';
import { searchSubscriptions } from './methods/listSearch';
import { apiVersionField, legacyV1Notice } from './subscriptions/fields';
import { credentialsByVersion } from './transport/api';

export class Coresignal implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coresignal',
		name: 'coresignal',
		icon: {
			light: 'file:../../icons/coresignal.svg',
			dark: 'file:../../icons/coresignal.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Manage Coresignal webhook subscriptions, search and collect employee profiles, and run bulk collects',
		defaults: { name: 'Coresignal' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsByVersion,
		properties: [
			apiVersionField,
			legacyV1Notice,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Bulk Collect', value: 'bulkCollect' },
					{ name: 'Employee', value: 'employee' },
					{ name: 'Subscription', value: 'subscription' },
				],
				default: 'employee',
			},
			...subscription.description,
			...employee.description,
			...bulkCollect.description,
		],
	};

	methods = { listSearch: { searchSubscriptions } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, {
			bulkCollect: bulkCollect.operations,
			employee: employee.operations,
			subscription: subscription.operations,
		});
	}
}
