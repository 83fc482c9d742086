import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../shared/errors';
import { hookDeadline, isOutcomeUnknown, isTransientFailure } from '../../shared/request';
import { generateSecret, hashSecret, matchesSecretHash } from '../../shared/webhookAuth';
import type { EventPattern } from '../eventPattern';
import { CREDENTIAL_TYPE, chartHopList, chartHopRequest } from '../transport/api';
import { PATHS } from '../transport/endpoints';
import { assertUsableManualSecret, PATTERN_HEADER, SECRET_HEADER } from './auth';
import type { TriggerSettings } from './settings';
import { cqlExpressions, fingerprint, readTriggerSettings } from './settings';
import type { RegisteredAction, TriggerState } from './state';
import { forgetRegistration, setPendingDeletes, triggerState } from './state';

// How the ChartHop Trigger keeps exactly one automated action per pattern through faults:
// - every hook has one time budget (twice the credential's timeout) shared by all its calls;
// - a create is never resent blindly: after an answer that leaves open whether ChartHop acted,
//   the node lists the org's actions and adopts the one carrying this URL, pattern and secret;
// - every create first deletes what earlier registrations left (remembered or found by URL);
// - a delete never fails the hook (n8n would drop the static data): what cannot be deleted is
//   logged with how to remove it by hand and deleted by the next activation;
// - a check that fails transiently keeps the registration.

/** The budget every call of one hook shares (epoch ms). */
async function deadlineOf(context: IHookFunctions): Promise<number> {
	const credentials = await context.getCredentials<{ timeoutSeconds?: number }>(CREDENTIAL_TYPE);
	return hookDeadline(credentials.timeoutSeconds);
}

function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(
			context.getNode(),
			"n8n could not work out this trigger's webhook URL",
			{ description: 'Check the WEBHOOK_URL setting of your n8n instance.' },
		);
	}
	return url;
}

/** A header of an HTTP step, whatever letter case ChartHop gives its name. */
function stepHeader(step: IDataObject, name: string): unknown {
	const headers = step.httpHeaders as IDataObject | undefined;
	if (!headers || typeof headers !== 'object') return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

function httpStepsTo(action: IDataObject | undefined, url: string): IDataObject[] {
	const steps = (action?.steps as IDataObject[] | undefined) ?? [];
	return steps.filter(
		(step) => step && typeof step === 'object' && step.type === 'HTTP' && step.httpUrl === url,
	);
}

/** Whether an action still has our HTTP step: this webhook URL and the secret whose hash we keep. */
function callsThisWebhook(action: IDataObject | undefined, url: string, secretHash: string) {
	return httpStepsTo(action, url).some((step) =>
		matchesSecretHash(stepHeader(step, SECRET_HEADER), secretHash),
	);
}

/** Whether an action is the one a create for pattern `index` with this secret made. */
function isOurCreate(action: IDataObject, url: string, index: number, secretHash: string) {
	return httpStepsTo(action, url).some(
		(step) =>
			String(stepHeader(step, PATTERN_HEADER) ?? '') === String(index) &&
			matchesSecretHash(stepHeader(step, SECRET_HEADER), secretHash),
	);
}

const actionId = (action: IDataObject): string | undefined =>
	typeof action?.id === 'string' || typeof action?.id === 'number' ? String(action.id) : undefined;

const messageOf = (error: unknown) => (error as Error)?.message ?? String(error);

const nodeError = (context: IHookFunctions, error: unknown) =>
	asNodeError(context.getNode(), error);

/** Every automated action of the org (ChartHop pages them with `next`). */
async function listActions(context: IHookFunctions, deadline: number): Promise<IDataObject[]> {
	return await chartHopList.call(context, PATHS.actions, {}, undefined, 0, { deadline });
}

// ---------------------------------------------------------------------------------------------
// Deleting

/** Deletes one action (one already gone counts as deleted), resending within the budget. */
async function deleteAction(
	context: IHookFunctions,
	action: RegisteredAction,
	deadline: number,
): Promise<void> {
	try {
		await chartHopRequest.call(context, {
			method: 'DELETE',
			orgPath: PATHS.action(action.id),
			acceptStatuses: [404],
			deadline,
			persistent: true,
		});
	} catch (error) {
		throw nodeError(context, error);
	}
}

/**
 * Deletes `actions` (an action already gone counts as deleted) and returns those it could not
 * delete, each logged as an error that names the action and how to remove it by hand.
 */
async function deleteActions(
	context: IHookFunctions,
	actions: RegisteredAction[],
	deadline: number,
): Promise<RegisteredAction[]> {
	const failed: RegisteredAction[] = [];
	for (const action of actions) {
		try {
			await deleteAction(context, action, deadline);
		} catch (error) {
			context.logger.error(
				`ChartHop Trigger: could not delete automated action ${action.id} (${action.pattern}): ${messageOf(error)}. ` +
					"It may still call this workflow's webhook URL. n8n deletes it on the next activation of this workflow; " +
					`to remove it now, run the ChartHop node (Automated Action › Delete, Action ID ${action.id}) or delete it in ChartHop's Automated Actions.`,
			);
			failed.push(action);
		}
	}
	return failed;
}

/**
 * Deletes the remembered actions, the ones earlier attempts could not delete and `extra`, then
 * forgets the registration. Never throws: what still exists is kept under `pendingDeletes`.
 */
async function removeRegistration(
	context: IHookFunctions,
	deadline: number,
	extra: RegisteredAction[] = [],
): Promise<void> {
	const state = triggerState(context);
	const targets = [
		...new Map(
			[...(state.actions ?? []), ...(state.pendingDeletes ?? []), ...extra].map((action) => [
				action.id,
				action,
			]),
		).values(),
	];
	forgetRegistration(state);
	setPendingDeletes(state, await deleteActions(context, targets, deadline));
}

/**
 * Deletes every action whose HTTP step calls exactly this webhook URL: strays of earlier faults
 * (a create ChartHop carried out but never confirmed) or of a registration n8n forgot.
 */
async function removeStrays(context: IHookFunctions, url: string, deadline: number) {
	let actions: IDataObject[];
	try {
		actions = await listActions(context, deadline);
	} catch (error) {
		const status = Number((error as { httpCode?: unknown }).httpCode);
		if (status !== 403 && status !== 404) throw nodeError(context, error);
		context.logger.warn(
			`ChartHop Trigger: could not list the automated actions (HTTP ${status}) to remove ones left by earlier attempts; only the remembered ones were deleted`,
		);
		return;
	}
	const strays = actions.flatMap((action) => {
		const id = actionId(action);
		return id !== undefined && httpStepsTo(action, url).length
			? [{ id, pattern: String(action.event ?? '') }]
			: [];
	});
	if (!strays.length) return;
	context.logger.warn(
		`ChartHop Trigger: deleting ${strays.length} automated action(s) that call this workflow but are not its current registration: ${strays.map((s) => s.id).join(', ')}`,
	);
	const state = triggerState(context);
	setPendingDeletes(state, [
		...(state.pendingDeletes ?? []),
		...(await deleteActions(context, strays, deadline)),
	]);
}

// ---------------------------------------------------------------------------------------------
// Hooks

/** checkExists: whether the registration n8n remembers still exists in ChartHop as it should be. */
export async function registrationExists(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	if (!state.actions?.length || !state.secretHash) return false;
	const deadline = await deadlineOf(this);

	const settings = readTriggerSettings(this);
	const url = this.getNodeWebhookUrl('default') ?? '';
	if (state.key !== fingerprint(settings, url)) {
		this.logger.info(
			'ChartHop Trigger: the patterns or webhook URL changed; replacing the automated actions',
		);
		await removeRegistration(this, deadline);
		return false;
	}

	for (const action of state.actions) {
		let response: { body: unknown; statusCode: number };
		try {
			response = await chartHopRequest.call(this, {
				method: 'GET',
				orgPath: PATHS.action(action.id),
				acceptStatuses: [404],
				deadline,
			});
		} catch (error) {
			// A failure that proves nothing about the action: keep it. Throwing would make n8n delete
			// and re-create the registration, and a false would make it register a second one.
			if (!isTransientFailure(error)) throw nodeError(this, error);
			this.logger.warn(
				`ChartHop Trigger: could not check automated action ${action.id} (${action.pattern}): ${messageOf(error)}; keeping the registration, it is checked again on the next start`,
			);
			return true;
		}
		const problem =
			response.statusCode === 404
				? 'no longer exists in ChartHop'
				: !callsThisWebhook(response.body as IDataObject, url, state.secretHash)
					? 'was changed in ChartHop and no longer calls this workflow'
					: undefined;
		if (problem) {
			this.logger.warn(
				`ChartHop Trigger: automated action ${action.id} (${action.pattern}) ${problem}; registering again`,
			);
			await removeRegistration(this, deadline);
			return false;
		}
	}
	if (state.pendingDeletes?.length) {
		setPendingDeletes(state, await deleteActions(this, state.pendingDeletes, deadline));
	}
	return true;
}

/** Asks ChartHop to check every filter and payload expression; fails activation with its message. */
export async function validateCqlRemotely(
	this: IHookFunctions,
	settings: TriggerSettings,
	deadline?: number,
): Promise<void> {
	const options = this.getNodeParameter('options', {}) as { validateCql?: boolean };
	const expressions = cqlExpressions(settings);
	if (options.validateCql === false || expressions.length === 0) return;

	const { body, statusCode } = await chartHopRequest.call(this, {
		method: 'POST',
		orgPath: PATHS.cqlValidate,
		body: { expressions },
		acceptStatuses: [403, 404],
		idempotent: true,
		deadline,
	});
	if (statusCode === 403 || statusCode === 404) {
		this.logger.warn(
			`ChartHop Trigger: could not validate CQL with ChartHop (HTTP ${statusCode}); relying on the local pattern check`,
		);
		return;
	}
	const results = ((body as IDataObject)?.results as IDataObject[] | undefined) ?? [];
	const invalid = results.find((result) => result.isValid === false);
	if (invalid || (body as IDataObject)?.isValid === false) {
		const expr = String(invalid?.expr ?? expressions[0]);
		const message = String(invalid?.message ?? 'invalid expression');
		throw new NodeOperationError(
			this.getNode(),
			`ChartHop rejected the CQL "${expr}": ${message}`,
			{
				description:
					settings.customPayload && Object.values(settings.customPayload).includes(expr)
						? "Fix this expression under Custom Payload. See ChartHop's CQL reference for field names and operators."
						: "Fix this CQL Filter under Events. See ChartHop's CQL reference for field names and operators.",
			},
		);
	}
}

function httpStep(
	url: string,
	secret: string,
	index: number,
	settings: TriggerSettings,
): IDataObject {
	const step: IDataObject = {
		type: 'HTTP',
		httpUrl: url,
		httpMethod: 'POST',
		httpHeaders: { [SECRET_HEADER]: secret, [PATTERN_HEADER]: String(index) },
	};
	if (settings.customPayload) step.httpContent = { ...settings.customPayload };
	return step;
}

interface CreateRun {
	url: string;
	secret: string;
	secretHash: string;
	deadline: number;
	settings: TriggerSettings;
	/** Set once a create may have been carried out without n8n learning its id. */
	uncertain: boolean;
}

/**
 * Creates the action of pattern `index`. A create whose outcome is unknown (5xx, cut or lost
 * answer) is not resent blindly: the org's actions are listed and the one with this URL, pattern
 * index and secret is adopted; only when there is none is the create sent once more.
 */
async function createAction(
	context: IHookFunctions,
	run: CreateRun,
	index: number,
	pattern: EventPattern,
): Promise<RegisteredAction> {
	const workflow = context.getWorkflow();
	const action: IDataObject = {
		event: pattern.code,
		description: `n8n workflow "${workflow.name ?? workflow.id}" (${pattern.text})`,
		status: 'ACTIVE',
		sensitive: false,
		steps: [httpStep(run.url, run.secret, index, run.settings)],
	};
	if (pattern.filter) action.filter = pattern.filter;

	for (let sent = 1; ; sent++) {
		let unknown: unknown;
		try {
			const { body } = await chartHopRequest.call(context, {
				method: 'POST',
				orgPath: PATHS.actions,
				body: { action },
				deadline: run.deadline,
				secrets: [run.secret],
			});
			const id = actionId(body as IDataObject);
			if (id !== undefined) return { id, pattern: pattern.text };
			unknown = new NodeApiError(context.getNode(), (body ?? {}) as JsonObject, {
				message: 'ChartHop created the automated action but did not return its id',
				description:
					'n8n cannot delete an action it cannot identify. Check the actions in ChartHop and try again.',
			});
		} catch (error) {
			if (!isOutcomeUnknown(error)) throw nodeError(context, error);
			unknown = error;
		}

		run.uncertain = true;
		context.logger.warn(
			`ChartHop Trigger: ChartHop may have created the automated action for ${pattern.text} without confirming it (${messageOf(unknown)}); looking for it`,
		);
		let mine: IDataObject[];
		try {
			mine = (await listActions(context, run.deadline)).filter((candidate) =>
				isOurCreate(candidate, run.url, index, run.secretHash),
			);
		} catch (listError) {
			throw explainUnknown(
				context,
				unknown,
				pattern,
				sent,
				`listing the actions failed too (${messageOf(listError)})`,
			);
		}
		const [adopted, ...twins] = mine.flatMap((candidate) => {
			const id = actionId(candidate);
			return id === undefined ? [] : [{ id, pattern: pattern.text }];
		});
		if (adopted) {
			context.logger.info(
				`ChartHop Trigger: found automated action ${adopted.id} for ${pattern.text}; keeping it`,
			);
			if (twins.length) {
				const state = triggerState(context);
				setPendingDeletes(state, [
					...(state.pendingDeletes ?? []),
					...(await deleteActions(context, twins, run.deadline)),
				]);
			}
			return adopted;
		}
		if (sent >= 2)
			throw explainUnknown(context, unknown, pattern, sent, 'ChartHop lists no such action');
	}
}

/** The error of a create n8n could not confirm, with what n8n did about it. */
function explainUnknown(
	context: IHookFunctions,
	error: unknown,
	pattern: EventPattern,
	sent: number,
	found: string,
) {
	const description =
		`n8n sent the automated action for "${pattern.text}" ${sent === 1 ? 'once' : 'twice'} and could not learn whether ChartHop created it: ${found}. ` +
		'n8n removed the actions it could find for this workflow and looks for leftovers again on the next activation. ' +
		'Check that ChartHop is reachable from n8n, then activate the workflow again.';
	const wrapped = nodeError(context, error);
	wrapped.description = description;
	return wrapped;
}

/**
 * create: deletes what earlier registrations left (remembered, pending or found calling this URL),
 * then creates one automated action per pattern. On a failure removes what it created, then fails.
 */
export async function createRegistration(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const settings = readTriggerSettings(this);
	const url = webhookUrlOf(this);
	const deadline = await deadlineOf(this);
	await validateCqlRemotely.call(this, settings, deadline);

	await removeRegistration(this, deadline);
	await removeStrays(this, url, deadline);

	const secret = generateSecret();
	const run: CreateRun = {
		url,
		secret,
		secretHash: hashSecret(secret),
		deadline,
		settings,
		uncertain: false,
	};
	const created: RegisteredAction[] = [];
	try {
		for (const [index, pattern] of settings.patterns.entries()) {
			created.push(await createAction(this, run, index, pattern));
		}
	} catch (error) {
		this.logger.error(
			`ChartHop Trigger: registration failed after creating ${created.length} automated action(s); removing what it can find`,
		);
		state.actions = created;
		await removeRegistration(this, deadline);
		// A create ChartHop carried out without confirming it shows up in the list, if it has landed.
		if (run.uncertain) await removeStrays(this, url, deadline).catch(() => undefined);
		throw nodeError(this, error);
	}

	state.secretHash = run.secretHash;
	state.actions = created;
	state.key = fingerprint(settings, url);
	return true;
}

/** create in Manual mode: nothing to register (ChartHop support sets the URL up), but check the setup. */
export async function checkManualSetup(this: IHookFunctions): Promise<boolean> {
	await assertUsableManualSecret(this);
	// Still fail activation on a bad pattern.
	readTriggerSettings(this);
	// Actions left from when the node was set to Automatic must go.
	const state = triggerState(this);
	if (state.actions?.length || state.pendingDeletes?.length) {
		await removeRegistration(this, await deadlineOf(this));
	}
	return true;
}

/**
 * delete: removes every automated action this node created. Never throws, because n8n would then
 * not save the static data and lose track of what is left: an action that cannot be deleted is
 * logged (with how to remove it by hand) and kept under `pendingDeletes` for the next activation.
 */
export async function deleteRegistration(this: IHookFunctions): Promise<boolean> {
	const state: TriggerState = triggerState(this);
	if (!state.actions?.length && !state.pendingDeletes?.length) {
		forgetRegistration(state);
		return true;
	}
	let deadline: number;
	try {
		deadline = await deadlineOf(this);
	} catch (error) {
		this.logger.error(
			`ChartHop Trigger: could not read the ChartHop credential to delete the automated actions (${messageOf(error)}); n8n deletes them on the next activation`,
		);
		setPendingDeletes(state, [...(state.actions ?? []), ...(state.pendingDeletes ?? [])]);
		forgetRegistration(state);
		return true;
	}
	await removeRegistration(this, deadline);
	return true;
}
