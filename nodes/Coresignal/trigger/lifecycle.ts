import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../shared/errors';
import type { VendorResponse } from '../../shared/request';
import {
	hookDeadline,
	isOutcomeUnknown,
	isTransientFailure,
	timeoutMs,
} from '../../shared/request';
import { generateSecret, hashSecret } from '../../shared/webhookAuth';
import { readSubscriptionSpec } from '../subscriptions/fields';
import type { SubscriptionSpec } from '../subscriptions/spec';
import { createBody, createPath, parseUserInput } from '../subscriptions/spec';
import type { ApiVersion } from '../transport/api';
import { coresignalRequest, credentialTypeFor } from '../transport/api';
import { canRenew, renewPath, simulatePath } from '../transport/endpoints';
import { createdSubscription, goneReason, subscriptionDetail } from './answers';
import { callbackUrl, isCallbackUrl } from './auth';
import { deletePending } from './deletion';
import { expiresWithinDays } from './expiry';
import type { Reconciled } from './reconcile';
import { findCreated, getSubscription, listActiveIds } from './reconcile';
import type { SubscriptionState } from './state';
import {
	addPendingDelete,
	clearSubscriptionState,
	retireSubscription,
	subscriptionState,
} from './state';

export { createdSubscription, goneReason, subscriptionDetail } from './answers';

export function readSpec(this: IHookFunctions): SubscriptionSpec {
	return parseUserInput(this.getNode(), () =>
		readSubscriptionSpec((name, fallback) => this.getNodeParameter(name, fallback)),
	);
}

export function fingerprint(spec: SubscriptionSpec): string {
	return JSON.stringify([createPath(spec), createBody(spec, '')]);
}

export function renewWindowDays(context: IHookFunctions | IWebhookFunctions): number {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return typeof options.renewWithinDays === 'number' ? options.renewWithinDays : 14;
}

interface Budget {
	/** Epoch ms after which no call of this hook starts (twice the credential's timeout from now). */
	deadline: number;
	/** One call's timeout, in ms. */
	timeoutMs: number;
}

/** The time one hook (or one delivery's renewal) may spend talking to Coresignal. */
export async function hookBudget(
	context: IHookFunctions | IWebhookFunctions,
	version: ApiVersion,
): Promise<Budget> {
	let seconds: unknown;
	try {
		const credentials = await context.getCredentials<{ timeoutSeconds?: number }>(
			credentialTypeFor(version),
		);
		seconds = credentials.timeoutSeconds;
	} catch {
		// No readable credential: the calls fail on their own; the default budget applies meanwhile.
	}
	return { deadline: hookDeadline(seconds), timeoutMs: timeoutMs(seconds) };
}

/** The API version in play: the remembered subscription's, else the node's. */
function versionOf(context: IHookFunctions | IWebhookFunctions, state: SubscriptionState) {
	return state.version ?? (context.getNodeParameter('apiVersion', 'v2') as ApiVersion);
}

/**
 * Deadline for clearing pending deletions before the hook's own work: at most one call's timeout,
 * so a subscription Coresignal refuses to delete cannot use up the budget of a create or a check.
 */
const pendingDeadline = (budget: Budget) =>
	Math.min(budget.deadline, Date.now() + budget.timeoutMs);

/** Whether the remembered subscription can be renewed and expires within the window. */
export function renewalDue(
	state: SubscriptionState,
	windowDays: number,
): state is SubscriptionState & { subscriptionId: string } {
	return (
		!!state.subscriptionId &&
		canRenew(state.version ?? 'v2') &&
		expiresWithinDays(state.expiringAt, windowDays)
	);
}

/**
 * Renews when the subscription expires within the window. Coresignal answers 409 while a new
 * subscription is still initialising: that is not a failure, the next check renews it.
 * Legacy v1 documents no renew endpoint. Renewing twice extends the expiry as once does, so the
 * call may be resent.
 */
export async function renewIfExpiring(
	this: IHookFunctions | IWebhookFunctions,
	state: SubscriptionState,
	windowDays: number,
	deadline?: number,
): Promise<void> {
	if (!renewalDue(state, windowDays)) return;
	const version = state.version ?? 'v2';
	const response = await coresignalRequest.call(this, {
		version,
		method: 'POST',
		path: renewPath(version, state.subscriptionId),
		bucket: 'subscriptions',
		acceptStatuses: [409],
		idempotent: true,
		deadline,
	});
	if (response.statusCode === 409) {
		this.logger.info('Coresignal subscription is still initialising; renewal postponed', {
			subscriptionId: state.subscriptionId,
		});
		return;
	}
	const renewed = subscriptionDetail(response.body);
	if (typeof renewed?.expiring_at === 'string') state.expiringAt = renewed.expiring_at;
	this.logger.info('Renewed Coresignal subscription', {
		subscriptionId: state.subscriptionId,
		expiringAt: state.expiringAt,
	});
}

/**
 * Why the remembered subscription must be replaced before checking it, if it must: without a
 * token hash no delivery could be authenticated; changed settings no longer match it.
 */
function replacementReason(this: IHookFunctions, state: SubscriptionState): string | undefined {
	if (!state.subscriptionId) return undefined;
	if (!state.tokenHash) return 'the token of its webhook URL is not known';
	const spec = readSpec.call(this);
	if (state.fingerprint !== fingerprint(spec) || spec.version !== (state.version ?? 'v2')) {
		return 'the node settings changed';
	}
	return undefined;
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const state = subscriptionState(this);
	const budget = await hookBudget(this, versionOf(this, state));

	const replace = replacementReason.call(this, state);
	if (replace) {
		this.logger.info(`Replacing the Coresignal subscription: ${replace}`, {
			subscriptionId: state.subscriptionId,
		});
		retireSubscription(state);
		await deletePending.call(this, state, budget.deadline);
		return false;
	}
	// Best effort: what stays pending is tried again by create or the next start.
	await deletePending.call(this, state, pendingDeadline(budget));
	if (!state.subscriptionId) return false;
	const version = state.version ?? 'v2';

	let response: VendorResponse;
	try {
		response = await getSubscription.call(this, version, state.subscriptionId, budget.deadline);
	} catch (error) {
		if (!isTransientFailure(error)) throw nodeError.call(this, error);
		// Failing here would make n8n delete the subscription while cleaning up the activation.
		this.logger.warn('Could not check the Coresignal subscription; keeping it', {
			subscriptionId: state.subscriptionId,
			error: (error as Error).message,
		});
		return true;
	}
	// Only 404 or a gone status means gone.
	const detail = subscriptionDetail(response.body);
	const gone = response.statusCode === 404 ? 'not found' : goneReason(detail);
	if (gone) {
		this.logger.warn('Coresignal subscription is gone or expired; it will be created again', {
			subscriptionId: state.subscriptionId,
			status: gone,
		});
		clearSubscriptionState(state);
		return false;
	}
	if (typeof detail?.expiring_at === 'string') state.expiringAt = detail.expiring_at;
	try {
		await renewIfExpiring.call(this, state, renewWindowDays(this), budget.deadline);
	} catch (error) {
		// The subscription exists and delivers: a failed renewal must not make n8n delete it. The next
		// delivery or restart tries again; once it has expired, the check above re-creates it.
		this.logger.warn('Could not renew the Coresignal subscription; keeping it', {
			subscriptionId: state.subscriptionId,
			error: (error as Error).message,
		});
	}
	return true;
}

/**
 * The expiry of a subscription whose create answer did not give it, so that renewal on delivery
 * works without waiting for a restart. Best effort: the next check reads it too.
 */
async function expiryOf(
	this: IHookFunctions,
	version: ApiVersion,
	id: string,
	deadline: number,
): Promise<string | undefined> {
	try {
		const response = await getSubscription.call(this, version, id, deadline);
		const expiringAt = subscriptionDetail(response.body)?.expiring_at;
		return typeof expiringAt === 'string' ? expiringAt : undefined;
	} catch (error) {
		this.logger.warn('Could not read the expiry of the new Coresignal subscription', {
			subscriptionId: id,
			error: (error as Error).message,
		});
		return undefined;
	}
}

function nodeError(this: IHookFunctions, error: unknown): NodeApiError | NodeOperationError {
	return asNodeError(this.getNode(), error);
}

/** What one registration needs: the request, the URL it registers and that URL's token. */
interface Registration {
	spec: SubscriptionSpec;
	webhookUrl: string;
	token: string;
	deadline: number;
	state: SubscriptionState;
}

const HOW_TO_CHECK =
	"List them with the Coresignal node's Subscription › Get Many, open one with Subscription › Get, and remove any that no workflow uses with Subscription › Delete; then activate the workflow again.";

/** Activation fails: Coresignal may have created a subscription the trigger cannot identify. */
function unclearOutcome(
	this: IHookFunctions,
	cause: Error,
	why: string,
	recorded = false,
): NodeOperationError {
	const next = recorded
		? 'The trigger looks for it again at the next activation (n8n 2.41 retries by itself within seconds) or deactivation, and keeps or deletes it. If activation keeps failing:'
		: 'The trigger records nothing it cannot prove is its own, so a subscription may now exist that nothing deletes.';
	return new NodeOperationError(
		this.getNode(),
		`Coresignal may have created the subscription, but the trigger cannot tell: ${why}`,
		{
			description: `Coresignal's answer to the creation was lost (${cause.message}). ${next} ${HOW_TO_CHECK}`,
		},
	);
}

/**
 * After a create whose outcome is unclear: the subscription it made, or undefined when the list
 * proves it made none. Throws when it cannot tell; when only the list afterwards failed, the
 * attempt is recorded (`unconfirmedCreate`) so that the next create or delete settles it.
 */
async function reconcile(
	this: IHookFunctions,
	registration: Registration,
	before: Set<string> | undefined,
	cause: Error,
): Promise<string | undefined> {
	const { spec, webhookUrl, token, deadline, state } = registration;
	if (!before) {
		throw unclearOutcome.call(
			this,
			cause,
			'its list of subscriptions could not be read before the creation, so new ones cannot be told from old ones',
		);
	}
	let found: Reconciled;
	try {
		found = await findCreated.call(
			this,
			spec.version,
			before,
			(url) => url === webhookUrl,
			deadline,
		);
	} catch (error) {
		state.unconfirmedCreate = {
			tokenHash: hashSecret(token),
			version: spec.version,
			fingerprint: fingerprint(spec),
			before: [...before],
			at: Date.now(),
		};
		throw unclearOutcome.call(
			this,
			cause,
			`its list of subscriptions could not be read afterwards (${(error as Error).message})`,
			true,
		);
	}
	return await adoptFound.call(this, found, cause, spec.version, state, deadline);
}

/** The subscription `found` identifies (more with our URL are deleted), undefined for none; throws when ambiguous. */
async function adoptFound(
	this: IHookFunctions,
	found: Reconciled,
	cause: Error,
	version: ApiVersion,
	state: SubscriptionState,
	deadline: number,
): Promise<string | undefined> {
	if (found.kind === 'none') return undefined;
	if (found.kind === 'ambiguous') {
		throw new NodeOperationError(
			this.getNode(),
			`Coresignal may have created the subscription, but ${found.candidates.length} new subscriptions appeared at the same time and none shows its webhook URL: ${found.candidates.join(', ')}`,
			{
				description: `Coresignal's answer to the creation was lost (${cause.message}). Another workflow or user may have created the others, so the trigger adopted none and deleted none. ${HOW_TO_CHECK}`,
			},
		);
	}
	if (found.how === 'elimination') {
		this.logger.warn(
			'Identified the only new Coresignal subscription by elimination: its answer was lost and Coresignal does not show webhook URLs',
			{ subscriptionId: found.id },
		);
	} else {
		this.logger.info('Found the Coresignal subscription whose answer was lost by its webhook URL', {
			subscriptionId: found.id,
		});
	}
	// More subscriptions with exactly our URL carry our token: ours, and one is enough.
	for (const id of found.extra) addPendingDelete(state, { id, version });
	if (found.extra.length > 0) await deletePending.call(this, state, deadline);
	return found.id;
}

/** How long after a lost creation the only new subscription is taken for it: n8n 2.41's five tries with 30 s timeouts. */
const ELIMINATION_WINDOW_MS = 15 * 60_000;

/**
 * Settles a creation an earlier attempt could not confirm (see UnconfirmedCreate): finds the
 * subscription it made, if any. Returns it to adopt when `adoptFor` has the same settings (its
 * token is not known, only its hash, which is all a delivery's check needs); anything else found
 * is left in `pendingDeletes`. Throws when the list cannot be read (the record stays).
 */
async function settleUnconfirmed(
	this: IHookFunctions,
	state: SubscriptionState,
	webhookUrl: string,
	deadline: number,
	adoptFor?: SubscriptionSpec,
): Promise<{ id: string; tokenHash: string } | undefined> {
	const record = state.unconfirmedCreate;
	if (!record) return undefined;
	// Later, another client may have created the only new subscription: then only its URL can tell.
	const recent = Date.now() - Number(record.at) < ELIMINATION_WINDOW_MS;
	const found = await findCreated.call(
		this,
		record.version,
		new Set(record.before),
		(url) => isCallbackUrl(url, webhookUrl, record.tokenHash),
		deadline,
		recent,
	);
	delete state.unconfirmedCreate;
	const cause = new Error('an earlier activation could not read the list afterwards');
	const id = await adoptFound.call(this, found, cause, record.version, state, deadline);
	if (id === undefined) return undefined;
	if (
		adoptFor &&
		record.fingerprint === fingerprint(adoptFor) &&
		record.version === adoptFor.version
	) {
		return { id, tokenHash: record.tokenHash };
	}
	addPendingDelete(state, { id, version: record.version });
	return undefined;
}

/**
 * Creates the subscription once. Coresignal's create is not idempotent: a lost answer (5xx after
 * the work, a cut or missing answer, a timeout) is reconciled against the list of active
 * subscriptions taken before; the create is sent a second time only when that list proves the
 * first one made nothing.
 */
async function register(
	this: IHookFunctions,
	registration: Registration,
): Promise<{ id: string; expiringAt?: string }> {
	const { spec, webhookUrl, token, deadline } = registration;
	let before: Set<string> | undefined;
	try {
		before = await listActiveIds.call(this, spec.version, deadline);
	} catch (error) {
		// A failing Coresignal could take the creation and lose its answer, and without the list from
		// before there is no telling which new subscription would be ours: create nothing now.
		if (isTransientFailure(error)) {
			const failure = nodeError.call(this, error);
			failure.description =
				`${failure.description ?? ''} n8n did not create the subscription: without Coresignal's list from before, a creation whose answer got lost could not be told apart. Activate the workflow again in a few minutes.`.trim();
			throw failure;
		}
		this.logger.warn(
			'Could not list the Coresignal subscriptions before creating one; if the answer to the creation is lost, activation fails',
			{ error: (error as Error).message },
		);
	}

	for (let attempt = 1; ; attempt++) {
		let response: VendorResponse;
		try {
			response = await coresignalRequest.call(this, {
				version: spec.version,
				method: 'POST',
				path: createPath(spec),
				body: createBody(spec, webhookUrl),
				bucket: 'subscriptions',
				deadline,
				secrets: [token],
				describeFailure: (status) =>
					status === 422
						? 'Coresignal rejected the subscription. If it names the webhook URL, n8n must be reachable from the internet over HTTPS (set WEBHOOK_URL); otherwise fix the field it names.'
						: undefined,
			});
		} catch (error) {
			if (!isOutcomeUnknown(error)) throw nodeError.call(this, error);
			const id = await reconcile.call(this, registration, before, error as Error);
			if (id !== undefined) return { id };
			if (attempt >= 2) {
				if (error instanceof NodeApiError) {
					error.description =
						`Coresignal failed twice to create the subscription; its list shows that neither attempt created one, so nothing was left behind. Try again later. ${error.description ?? ''}`.trim();
				}
				throw nodeError.call(this, error);
			}
			this.logger.warn(
				'Coresignal did not create the subscription (no new one in its list); sending the creation once more',
				{ error: (error as Error).message },
			);
			continue;
		}
		const created = createdSubscription(response.body);
		if (created) return created;
		// Coresignal created one but its answer names no id: find it the same way.
		const missing = new NodeApiError(
			this.getNode(),
			{ body: (response.body ?? null) as never },
			{ message: 'Coresignal accepted the subscription but returned no subscription id' },
		);
		const id = await reconcile.call(this, registration, before, missing);
		if (id !== undefined) return { id };
		missing.description = `Without the id the trigger cannot renew or delete the subscription, and no new subscription appeared in Coresignal's list. ${HOW_TO_CHECK}`;
		throw missing;
	}
}

interface NewSubscription {
	id: string;
	tokenHash: string;
	expiringAt?: string;
	/** Known only for a subscription this activation created (an adopted one has only its hash). */
	token?: string;
}

/** Creates a subscription with a fresh token (see register). */
async function registerNew(
	this: IHookFunctions,
	spec: SubscriptionSpec,
	webhookUrl: string,
	deadline: number,
	state: SubscriptionState,
): Promise<NewSubscription> {
	const token = generateSecret();
	const created = await register.call(this, {
		spec,
		webhookUrl: callbackUrl(webhookUrl, token),
		token,
		deadline,
		state,
	});
	return { ...created, token, tokenHash: hashSecret(token) };
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const webhookUrl = this.getNodeWebhookUrl('default');
	if (!webhookUrl) {
		throw new NodeOperationError(
			this.getNode(),
			'n8n did not provide a webhook URL for this trigger',
		);
	}
	const spec = readSpec.call(this);
	const budget = await hookBudget(this, spec.version);
	const state = subscriptionState(this);
	// A subscription still remembered here would be lost by overwriting it: delete it instead.
	retireSubscription(state);
	const manual = this.getMode() === 'manual';
	let adopted: NewSubscription | undefined;
	try {
		// A manual test sends a sample to the URL with its token, which only a new creation knows.
		adopted = await settleUnconfirmed.call(
			this,
			state,
			webhookUrl,
			budget.deadline,
			manual ? undefined : spec,
		);
	} catch (error) {
		if (!isTransientFailure(error)) throw nodeError.call(this, error);
		const failure = nodeError.call(this, error);
		failure.description =
			`${failure.description ?? ''} n8n did not create the subscription: an earlier attempt may have created one whose answer was lost, and without Coresignal's list it cannot be found. Activate the workflow again in a few minutes.`.trim();
		throw failure;
	}
	await deletePending.call(this, state, pendingDeadline(budget));

	const subscription: NewSubscription =
		adopted ?? (await registerNew.call(this, spec, webhookUrl, budget.deadline, state));

	state.subscriptionId = subscription.id;
	state.tokenHash = subscription.tokenHash;
	state.fingerprint = fingerprint(spec);
	state.version = spec.version;
	const expiringAt =
		subscription.expiringAt ??
		(await expiryOf.call(this, spec.version, subscription.id, budget.deadline));
	if (expiringAt !== undefined) state.expiringAt = expiringAt;
	this.logger.info(
		adopted ? 'Adopted Coresignal subscription' : 'Created Coresignal subscription',
		{
			subscriptionId: state.subscriptionId,
		},
	);

	const options = this.getNodeParameter('options', {}) as IDataObject;
	if (manual && subscription.token !== undefined && options.sendSampleOnTest) {
		await coresignalRequest.call(this, {
			version: spec.version,
			method: 'POST',
			path: simulatePath(spec.version),
			body: { webhook_url: callbackUrl(webhookUrl, subscription.token) },
			bucket: 'simulate',
			deadline: budget.deadline,
			secrets: [subscription.token],
		});
	}
	return true;
}

/**
 * Deactivation. n8n only logs a `delete` that throws, and then does not save static data, so this
 * never throws: the subscription is retried within the budget, and if it still cannot be deleted it
 * stays in `pendingDeletes` (deleted by the next activation or start) and an error names it.
 */
export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	try {
		const state = subscriptionState(this);
		const budget = await hookBudget(this, versionOf(this, state));
		retireSubscription(state);
		const webhookUrl = this.getNodeWebhookUrl('default');
		if (state.unconfirmedCreate && webhookUrl) {
			// n8n 2.41 also calls delete between its attempts of a failing create: one call's time at most.
			await settleUnconfirmed
				.call(this, state, webhookUrl, pendingDeadline(budget))
				.catch((error: Error) =>
					this.logger.warn(
						`Coresignal Trigger could not settle a creation whose answer was lost${state.unconfirmedCreate ? ' (looked for again at the next activation)' : ''}: ${error.message}`,
					),
				);
		}
		await deletePending.call(this, state, budget.deadline);
	} catch (error) {
		this.logger.error(
			`Coresignal Trigger could not finish its deactivation: ${(error as Error).message}`,
		);
	}
	return true;
}
