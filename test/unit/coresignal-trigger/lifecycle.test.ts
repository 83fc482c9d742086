import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	createdSubscription,
	goneReason,
	subscriptionDetail,
} from '../../../nodes/Coresignal/trigger/lifecycle';
import { vendorApiError } from '../../../nodes/shared/errors';
import { isTransientFailure as isTransient } from '../../../nodes/shared/request';

const ID = 'c8e295c0-2f85-473d-8bef-350526e6b30a';

describe("the id in Coresignal's answer to creating a subscription", () => {
	it.each([
		[
			'an object with id (like list and renew)',
			{ id: ID, status: 'active', expiring_at: '2026-12-18' },
			{ id: ID, expiringAt: '2026-12-18' },
		],
		['a plain string body', ID, { id: ID }],
		['a plain string body with a newline', `${ID}\n`, { id: ID }],
		['a JSON string', `"${ID}"`, { id: ID }],
		['a number', 4711, { id: '4711' }],
		['subscription_id', { subscription_id: ID }, { id: ID }],
		['subscriptionId', { subscriptionId: ID }, { id: ID }],
		['a numeric id', { id: 4711 }, { id: '4711' }],
		[
			'nested under data',
			{ data: { id: ID, expiring_at: '2026-12-18' } },
			{ id: ID, expiringAt: '2026-12-18' },
		],
		['nested under subscription', { subscription: { subscription_id: ID } }, { id: ID }],
		['a body buffer holding the id', Buffer.from(ID), { id: ID }],
	])('is read from %s', (_name, body, created) => {
		expect(createdSubscription(body)).toEqual(created);
	});

	it.each([
		['no body', undefined],
		['an empty string', ''],
		['an HTML page', '<html><body>OK</body></html>'],
		['an object without an id', { status: 'active' }],
		['an empty id', { id: '' }],
		['a list', [ID]],
		['a fractional number', 1.5],
	])('is missing from %s', (_name, body) => {
		expect(createdSubscription(body)).toBeUndefined();
	});
});

describe('a subscription is gone', () => {
	it.each([
		['inactive', { id: ID, status: 'inactive' }],
		['INACTIVE', { id: ID, status: 'INACTIVE' }],
		['Deleted', { id: ID, status: 'Deleted' }],
		['expired', { id: ID, status: 'expired' }],
		[' Expired ', { id: ID, status: ' Expired ' }],
		['past its expiry date', { id: ID, status: 'active', expiring_at: '2020-01-01' }],
		['inactive, nested under data', { data: { id: ID, status: 'inactive' } }],
	])('when it reads %s', (_name, body) => {
		expect(goneReason(subscriptionDetail(body))).toEqual(expect.any(String));
	});

	it.each([
		['active', { id: ID, status: 'active', expiring_at: '2999-01-01' }],
		['Active', { id: ID, status: 'Active' }],
		['an unknown status', { id: ID, status: 'initialising' }],
		['no status at all', { id: ID }],
		['a body that is not an object', 'OK'],
		['no body', undefined],
	])('not when it reads %s', (_name, body) => {
		expect(goneReason(subscriptionDetail(body))).toBeUndefined();
	});
});

describe('a failed check of the subscription', () => {
	const node: INode = {
		id: '1',
		name: 'Coresignal Trigger',
		type: 'n8n-nodes-hr-signals.coresignalTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const answered = (status: number) =>
		vendorApiError(node, {
			vendor: 'Coresignal',
			status,
			body: { detail: 'x' },
			method: 'GET',
			path: '/v2/subscriptions/1',
		});

	it.each([500, 502, 503, 504, 429])('keeps the subscription after a %i', (status) => {
		expect(isTransient(answered(status))).toBe(true);
	});

	it('keeps the subscription when Coresignal could not be reached', () => {
		const unreachable = new NodeApiError(
			node,
			{ message: 'connect ECONNREFUSED' },
			{ message: 'Could not reach Coresignal' },
		);
		expect(isTransient(unreachable)).toBe(true);
	});

	it.each([400, 401, 403, 422])('raises a %i', (status) => {
		expect(isTransient(answered(status))).toBe(false);
	});

	it('raises an error that is not about HTTP', () => {
		expect(isTransient(new NodeOperationError(node, 'bad parameters'))).toBe(false);
	});
});
