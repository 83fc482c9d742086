import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { requiredParameter } from '../../../shared/operation';
import { simplifyProfile, simplifyProfileField, simplifyProfiles } from '../../profile/simplify';
import { datasetField } from '../../subscriptions/fields';
import { collectEmployee, collectInFlight } from '../../transport/collect';
import { metaField } from '../../transport/credits';
import { apiVersion, dataset } from '../common';

/** Enough calls in flight to reach Coresignal's collect limit at the latency measured so far. */
export const inFlight = collectInFlight;

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['employee'], operation: ['collect'] } },
	[
		datasetField,
		{
			displayName: 'Employee',
			name: 'employee',
			type: 'string',
			default: '={{ $json.id }}',
			required: true,
			placeholder: 'e.g. 125, jane-doe-42 or a profile URL',
			description:
				'A Coresignal employee ID, a shorthand name, or a professional network profile URL. The default takes the ID from each input item, such as the output of Search.',
		},
		simplifyProfileField(),
	],
);

/** Profile URLs are reduced to their shorthand name: one path segment Coresignal reliably accepts. */
export function collectKey(value: string): string | undefined {
	if (!/^https?:\/\//i.test(value)) return value;
	try {
		const segments = new URL(value).pathname.split('/').filter(Boolean);
		const at = segments.indexOf('in');
		return at >= 0 ? segments[at + 1] : segments[segments.length - 1];
	} catch {
		return undefined;
	}
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const input = requiredParameter(
		this,
		itemIndex,
		'employee',
		'Employee',
		'Enter an employee ID, shorthand name or profile URL, or map one from the input (for example {{ $json.id }} after Search).',
	);
	const key = collectKey(input);
	if (!key) {
		throw new NodeOperationError(
			this.getNode(),
			`"${input}" is not a profile URL Coresignal can use`,
			{
				itemIndex,
				description:
					'Use a URL like https://www.linkedin.com/in/jane-doe, or the shorthand name (jane-doe) or ID.',
			},
		);
	}
	const { record, creditsRemaining } = await collectEmployee.call(this, {
		version: apiVersion(this, itemIndex),
		dataset: dataset(this, itemIndex),
		key,
		itemIndex,
	});
	const simplify = simplifyProfiles(this.getNode().typeVersion, (fallback) =>
		this.getNodeParameter('simplify', itemIndex, fallback),
	);
	const profile = simplify ? simplifyProfile(record) : record;
	return [{ json: { ...profile, ...metaField(creditsRemaining) } }];
}
