/* eslint-disable @n8n/community-nodes/node-connection-type-literal -- dev-only peer, reproduced as Coresignal's node declares itself */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * The peer for the collect benchmark: Coresignal's own n8n node (`n8n-nodes-coresignal-api`
 * 1.1.1, Coresignal-com/n8n-nodes-coresignal-api, nodes/Coresignal/Coresignal.node.ts), its
 * Employee › Collect by ID reduced to what decides its speed and is reproduced as it is: one item
 * after another, one `httpRequestWithAuthentication` each, no throttle, no retry; any failure
 * (a 429 included) stops the node unless "Continue On Fail" is on. Only the dataset differs: it
 * hard-codes `employee_multi_source`, the sandbox serves `employee_clean` (same limit, same path shape).
 */
export const OFFICIAL_NODE_TYPE = 'bench.officialCoresignal';

export class OfficialCoresignalCollect implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coresignal (official node, collect by ID)',
		name: 'officialCoresignal',
		group: ['transform'],
		version: 1,
		description: 'Peer for the collect benchmark',
		defaults: { name: 'Official Coresignal' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'coresignalApi', required: true }],
		usableAsTool: true,
		properties: [
			{
				displayName: 'Employee ID',
				name: 'employeeId',
				type: 'string',
				default: '={{ $json.id }}',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const id = this.getNodeParameter('employeeId', i) as string;
				const credentials = await this.getCredentials('coresignalApi');
				// Our credential's Base URL ends in /cdapi; the official one stops before it.
				const baseUrl = String(credentials.baseUrl).replace(/\/cdapi$/, '');
				const requestOptions: IHttpRequestOptions = {
					method: 'GET',
					url: `${baseUrl}/cdapi/v2/employee_clean/collect/${id}`,
					headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
					arrayFormat: 'repeat',
				};
				const responseData = await this.helpers.httpRequestWithAuthentication.call(
					this,
					'coresignalApi',
					requestOptions,
				);
				const responseItems = Array.isArray(responseData) ? responseData : [responseData];
				returnData.push(
					...this.helpers.constructExecutionMetaData(
						this.helpers.returnJsonArray(responseItems as IDataObject[]),
						{ itemData: { item: i } },
					),
				);
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
			}
		}
		return [returnData];
	}
}
