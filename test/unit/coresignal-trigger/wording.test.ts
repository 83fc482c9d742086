import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { legacyV1Notice, subscriptionFields } from '../../../nodes/Coresignal/subscriptions/fields';

/** What a user reads, checked against Coresignal's docs (seeds 000 and 001). */
const fields = subscriptionFields();

function option(name: string, apiVersion: string, value: string): INodePropertyOptions {
	const property = fields.find(
		(field: INodeProperties) =>
			field.name === name &&
			(field.displayOptions?.show?.apiVersion as string[] | undefined)?.includes(apiVersion) &&
			(field.options as INodePropertyOptions[]).some((entry) => entry.value === value),
	);
	return (property?.options as INodePropertyOptions[]).find((entry) => entry.value === value)!;
}

describe('Coresignal subscription wording', () => {
	it('counts promotions among experience changes', () => {
		expect(option('event', 'v2', 'experience').description).toMatch(/promoted/);
	});

	it('warns that Legacy V1 All Updates brings about 500,000 changes a week', () => {
		expect(option('subscribeBy', 'v1', 'all').description).toMatch(
			/about 500,000 or more changes a week/,
		);
	});

	it('says Legacy V1 profile changes ("member_changes") are not supported, not that v1 lacks them', () => {
		expect(legacyV1Notice.displayName).toMatch(
			/Not supported on V1: employee profile changes \(v1 had "member_changes"/,
		);
	});

	it('says Legacy V1 updates start about two days after subscribing', () => {
		expect(legacyV1Notice.displayName).toMatch(/about two days after subscribing/);
	});
});
