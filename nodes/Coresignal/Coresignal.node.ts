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
		// Version 2: Employee › Collect returns simplified profiles by default (Simplify).
		version: [1, 2],
		defaultVersion: 2,
		// Each operation's node creator words; a literal, as n8n's lint wants (a unit test keeps them equal).
		subtitle:
			'={{ ({"subscription:create":"Create a subscription","subscription:delete":"Delete a subscription","subscription:get":"Get a subscription","subscription:getAll":"Get many subscriptions","subscription:renew":"Renew a subscription","subscription:simulate":"Simulate a subscription notification","employee:collect":"Collect an employee profile","employee:search":"Search employees","bulkCollect:download":"Download bulk collect files","bulkCollect:getStatus":"Get bulk collect status","bulkCollect:submit":"Submit a bulk collect request","bulkCollect:wait":"Wait for a bulk collect request"})[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] }}',
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
