import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestRequest,
	INode,
	INodeCredentialTestResult,
	INodeType,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import type { HarnessCredentialsHelper } from './credentials-helper';
import type { PackageTypes } from './package-types';

const TEST_NODE_TYPE = 'harness.credentialTest';

export interface CredentialTestResult extends INodeCredentialTestResult {
	/** The HTTP status the test request got, when it got one. */
	statusCode?: number;
}

interface ResponseCarrier {
	statusCode?: number;
	httpCode?: string;
	cause?: { response?: { status?: number; statusText?: string }; code?: string };
	message?: string;
}

/** A `testedBy` function a node declares for this credential, if the credential has no `test`. */
function findTestFunction(
	types: PackageTypes,
	credentialType: string,
): ICredentialTestFunction | undefined {
	for (const nodeTypeName of types.getSupportedNodes(credentialType)) {
		const nodeType = types.getByNameAndVersion(nodeTypeName);
		const testedBy = nodeType.description.credentials?.find(
			(c) => c.name === credentialType,
		)?.testedBy;
		if (typeof testedBy === 'string') return nodeType.methods?.credentialTest?.[testedBy];
	}
	return undefined;
}

/**
 * Runs a credential's test the way n8n's credentials tester does: a declarative `test.request`
 * is sent by n8n-core's RoutingNode from a temporary node (so its `={{$credentials…}}` baseURL
 * and url resolve against the data, and the credential's own `authenticate` is applied); any
 * non-2xx answer or network failure is an `Error` result. `rules` are honoured as n8n 2.41's tester honours them;
 * n8n 2.8.4's loses the status of a failed request and shows its own message instead (test/e2e/n8n.e2e.test.ts).
 */
export async function testCredential(
	types: PackageTypes,
	credentialsHelper: HarnessCredentialsHelper,
	instanceBaseUrl: string,
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const credentials: ICredentialsDecrypted = {
		id: 'harness-credential-test',
		name: `${credentialType} (test)`,
		type: credentialType,
		data: credentialsHelper.withDefaults(credentialType, data),
	};
	const { test } = types.credentialType(credentialType);

	if (!test) {
		const testFunction = findTestFunction(types, credentialType);
		if (!testFunction)
			return { status: 'Error', message: 'No testing function found for this credential.' };
		return await testFunction.call(new CredentialTestContext(), credentials);
	}
	return await runTestRequest(types, credentialsHelper, instanceBaseUrl, credentials, test);
}

async function runTestRequest(
	types: PackageTypes,
	credentialsHelper: HarnessCredentialsHelper,
	instanceBaseUrl: string,
	credentials: ICredentialsDecrypted,
	test: ICredentialTestRequest,
): Promise<CredentialTestResult> {
	const nodeType: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: TEST_NODE_TYPE,
			group: ['transform'],
			version: 1,
			description: 'Temporary node that sends a credential test request',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentials.type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: TEST_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentials.type]: { id: credentials.id, name: credentials.name } },
	};

	types.registerNodeType(TEST_NODE_TYPE, nodeType);
	try {
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: types,
		});
		const additionalData = buildAdditionalData({
			credentialsHelper,
			instanceBaseUrl,
			currentNodeParameters: node.parameters,
		});
		const context = new ExecuteContext(
			workflow,
			node,
			additionalData,
			'internal',
			createRunExecutionData(),
			0,
			[],
			{ main: [[{ json: {} }]] },
			{ node, data: {}, source: null },
			[],
		);
		const response = await new RoutingNode(context, nodeType, credentials).runNode();
		for (const rule of test.rules ?? []) {
			if (rule.type !== 'responseSuccessBody') continue;
			const body = response?.[0]?.[0]?.json ?? {};
			if (body[rule.properties.key] === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return { status: 'OK', message: 'Connection successful!' };
	} catch (caught) {
		return describeFailure(caught as ResponseCarrier, test);
	} finally {
		types.unregisterNodeType(TEST_NODE_TYPE);
	}
}

function describeFailure(
	error: ResponseCarrier,
	test: ICredentialTestRequest,
): CredentialTestResult {
	const response = error.cause?.response;
	const statusCode = response?.status ?? (error.httpCode ? Number(error.httpCode) : undefined);
	if (statusCode !== undefined && !Number.isNaN(statusCode)) {
		for (const rule of test.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === statusCode) {
				return { status: 'Error', message: rule.properties.message, statusCode };
			}
		}
		if (statusCode < 200 || statusCode > 299) {
			return {
				status: 'Error',
				message: response?.statusText || `Received HTTP status code: ${statusCode}`,
				statusCode,
			};
		}
	}
	if (error.cause?.code) return { status: 'Error', message: error.cause.code };
	return { status: 'Error', message: String(error.message) };
}
