import type { Random } from '../core/random';
import { EXPERIENCE_STATUS_V1, EXPERIENCE_STATUS_V2, PROFILE_STATUSES, TRACKABLE_FIELDS } from './catalog';
import type { EmployeeDirectory } from './employees';
import type { Subscription } from './subscriptionStore';

/** One element of a Coresignal webhook body (https://docs.coresignal.com/api-introduction/webhooks/employee-webhooks). */
export interface Change {
	member_id: number;
	status: string;
	changed_fields?: string[] | null;
}

function profileChange(memberId: number, random: Random, tracked: readonly string[], status?: string): Change {
	const roll = random.next();
	const chosen = status ?? (roll < 0.7 ? 'changed' : roll < 0.85 ? PROFILE_STATUSES[0] : PROFILE_STATUSES[1]);
	return {
		member_id: memberId,
		status: chosen,
		changed_fields: chosen === 'changed' ? random.sample(tracked, random.int(1, Math.min(3, tracked.length))) : null,
	};
}

/**
 * `count` changes as Coresignal would send them for `subscription`: member ids from its id list
 * when it has one, else from the employee range; profile changes carry `changed_fields` (only
 * tracked ones when `tracked_fields` was set), experience changes only a status.
 */
export function changesFor(
	subscription: Subscription,
	count: number,
	random: Random,
	employees: EmployeeDirectory,
	status?: string,
): Change[] {
	const memberId = () =>
		subscription.ids?.length ? random.pick(subscription.ids) : employees.randomId(random);
	return Array.from({ length: count }, () => {
		if (subscription.kind === 'profile') {
			return profileChange(memberId(), random, subscription.trackedFields ?? TRACKABLE_FIELDS, status);
		}
		return {
			member_id: memberId(),
			status: status ?? (subscription.version === 'v1' ? EXPERIENCE_STATUS_V1 : EXPERIENCE_STATUS_V2),
		};
	});
}

/** What `/subscriptions/simulate` sends: one random change with one of the documented statuses. */
export function simulatedChange(version: 'v1' | 'v2', random: Random, employees: EmployeeDirectory): Change[] {
	const memberId = employees.randomId(random);
	if (version === 'v1') return [{ member_id: memberId, status: EXPERIENCE_STATUS_V1 }];
	return [profileChange(memberId, random, TRACKABLE_FIELDS)];
}
