import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import type { SubscriptionState } from '../../../nodes/Coresignal/trigger/state';
import {
	addPendingDelete,
	pendingDeletes,
	removePendingDelete,
	retireSubscription,
	subscriptionState,
} from '../../../nodes/Coresignal/trigger/state';
import { hashSecret } from '../../../nodes/shared/webhookAuth';

const TOKEN = 'f'.repeat(64);

function contextWith(staticData: IDataObject): IHookFunctions {
	return { getWorkflowStaticData: () => staticData } as unknown as IHookFunctions;
}

describe('static data saved by the previous version', () => {
	it('has its plain token replaced by the hash on first read', () => {
		const saved: IDataObject = { subscriptionId: 's1', secret: TOKEN, version: 'v2' };
		subscriptionState(contextWith(saved));
		expect(saved).toEqual({ subscriptionId: 's1', tokenHash: hashSecret(TOKEN), version: 'v2' });
	});

	it('keeps a hash that is already there and drops a stray plain value', () => {
		const saved: IDataObject = { subscriptionId: 's1', tokenHash: 'abc', secret: 'other' };
		subscriptionState(contextWith(saved));
		expect(saved).toEqual({ subscriptionId: 's1', tokenHash: 'abc' });
	});

	it('is left as it is when it holds no plain token', () => {
		const saved: IDataObject = { subscriptionId: 's1', tokenHash: 'abc' };
		subscriptionState(contextWith(saved));
		expect(saved).toEqual({ subscriptionId: 's1', tokenHash: 'abc' });
	});
});

describe('pending deletions', () => {
	it('retiring the subscription moves its id there and forgets the rest', () => {
		const state: SubscriptionState = {
			subscriptionId: 's1',
			tokenHash: 'h',
			version: 'v1',
			expiringAt: '2026-01-01',
			fingerprint: 'f',
		};
		retireSubscription(state);
		expect(state).toEqual({ pendingDeletes: [{ id: 's1', version: 'v1' }] });
	});

	it('hold each id once and lose it once deleted', () => {
		const state: SubscriptionState = {};
		addPendingDelete(state, { id: 'a', version: 'v2' });
		addPendingDelete(state, { id: 'a', version: 'v2' });
		addPendingDelete(state, { id: 'b', version: 'v2' });
		removePendingDelete(state, { id: 'a', version: 'v2' });
		expect(state.pendingDeletes).toEqual([{ id: 'b', version: 'v2' }]);
		removePendingDelete(state, { id: 'b', version: 'v2' });
		expect(state).toEqual({});
	});

	it('read entries without a version as v2 and skip entries without an id', () => {
		const state = {
			pendingDeletes: [{ id: 'a' }, { version: 'v1' }, null, { id: 'b', version: 'v1' }],
		} as unknown as SubscriptionState;
		expect(pendingDeletes(state)).toEqual([
			{ id: 'a', version: 'v2' },
			{ id: 'b', version: 'v1' },
		]);
	});
});
