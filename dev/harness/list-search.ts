import { LoadOptionsContext } from 'n8n-core';
import type { INodeListSearchResult } from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import type { HarnessCredentialsHelper } from './credentials-helper';
import type { PackageTypes } from './package-types';
import type { WorkflowNodeJson } from './workflow';
import { buildWorkflow } from './workflow';

export interface ListSearchRequest {
	/** The node as the editor holds it: type, parameters (the locator's siblings) and credentials. */
	node: WorkflowNodeJson;
	/** The locator's `searchListMethod`. */
	method: string;
	/** What the user typed in the list's search box. */
	filter?: string;
	/** The token the previous page returned, when the user scrolls to the end of the list. */
	paginationToken?: unknown;
}

/**
 * Opens a resource locator's "From list" the way n8n's DynamicNodeParametersService does: the
 * node's parameters on a temporary node, the node type's `methods.listSearch[method]` called in
 * n8n-core's LoadOptionsContext with the filter and the pagination token.
 */
export async function listSearch(
	types: PackageTypes,
	credentialsHelper: HarnessCredentialsHelper,
	instanceBaseUrl: string,
	request: ListSearchRequest,
): Promise<INodeListSearchResult> {
	const workflow = buildWorkflow({ nodes: [{ ...request.node, name: 'Temp-Node' }] }, types);
	const node = workflow.getNode('Temp-Node');
	if (!node) throw new UnexpectedError('The temporary node was not created');
	const nodeType = types.getByNameAndVersion(node.type, node.typeVersion);
	const method = nodeType.methods?.listSearch?.[request.method];
	if (!method) {
		throw new UnexpectedError(`${node.type} has no listSearch method "${request.method}"`);
	}
	const additionalData = buildAdditionalData({
		credentialsHelper,
		instanceBaseUrl,
		currentNodeParameters: node.parameters,
	});
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	return await method.call(context, request.filter, request.paginationToken as string | undefined);
}
