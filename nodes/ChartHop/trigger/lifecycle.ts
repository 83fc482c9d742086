import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { generateSecret } from '../../shared/webhookAuth';
import { chartHopRequest } from '../transport/api';
import { PATTERN_HEADER, SECRET_HEADER } from './auth';
import type { Subscriptions } from './patterns';
import { cqlExpressions, readSubscriptions, registrationKey } from './patterns';
import type { RegisteredAction } from './state';
import { forgetRegistration as forget, triggerState as state } from './state';

/** Whether the registration n8n remembers still exists in ChartHop as it should be. */
export async function registrationExists(this: IHookFunctions): Promise<boolean> {
	const data = state(this);
	if (!data.actions?.length || !data.secret) return false;

	const subscriptions = readSubscriptions(this);
	const url = this.getNodeWebhookUrl('default') ?? '';
	if (data.key !== registrationKey(subscriptions, url)) {
		this.logger.info(
			'ChartHop Trigger: the patterns or webhook URL changed; replacing the automated actions',
		);
		await deleteRegistration.call(this);
		return false;
	}

	for (const action of data.actions) {
		const { body, statusCode } = await chartHopRequest.call(this, {
			method: 'GET',
			orgPath: `/action/${encodeURIComponent(action.id)}`,
			acceptStatuses: [404],
		});
		const problem =
			statusCode === 404
				? 'no longer exists in ChartHop'
				: !callsThisWebhook(body as IDataObject, url, data.secret)
					? 'was changed in ChartHop and no longer calls this workflow'
					: undefined;
		if (problem) {
			this.logger.warn(
				`ChartHop Trigger: automated action ${action.id} (${action.pattern}) ${problem}; registering again`,
			);
			await deleteRegistration.call(this);
			forget(data);
			return false;
		}
	}
	return true;
}

/** Whether an action still has our HTTP step: this webhook URL and this node's secret header. */
function callsThisWebhook(action: IDataObject | undefined, url: string, secret: string): boolean {
	const steps = (action?.steps as IDataObject[] | undefined) ?? [];
	return steps.some(
		(step) =>
			step.type === 'HTTP' &&
			step.httpUrl === url &&
			(step.httpHeaders as IDataObject | undefined)?.[SECRET_HEADER] === secret,
	);
}

/** Asks ChartHop to check every filter and payload expression; fails activation with its message. */
export async function validateCqlRemotely(
	this: IHookFunctions,
	subscriptions: Subscriptions,
): Promise<void> {
	const options = this.getNodeParameter('options', {}) as { validateCql?: boolean };
	const expressions = cqlExpressions(subscriptions);
	if (options.validateCql === false || expressions.length === 0) return;

	const { body, statusCode } = await chartHopRequest.call(this, {
		method: 'POST',
		orgPath: '/cql/validate',
		body: { expressions },
		acceptStatuses: [403, 404],
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
					subscriptions.customPayload && Object.values(subscriptions.customPayload).includes(expr)
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
	subscriptions: Subscriptions,
): IDataObject {
	const step: IDataObject = {
		type: 'HTTP',
		httpUrl: url,
		httpMethod: 'POST',
		httpHeaders: { [SECRET_HEADER]: secret, [PATTERN_HEADER]: String(index) },
	};
	if (subscriptions.customPayload) step.httpContent = { ...subscriptions.customPayload };
	return step;
}

/** Creates one automated action per pattern; on a partial failure removes what it created, then fails. */
export async function createRegistration(this: IHookFunctions): Promise<boolean> {
	const data = state(this);
	const subscriptions = readSubscriptions(this);
	const url = this.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(
			this.getNode(),
			"n8n could not work out this trigger's webhook URL",
			{
				description: 'Check the WEBHOOK_URL setting of your n8n instance.',
			},
		);
	}
	await validateCqlRemotely.call(this, subscriptions);

	if (data.actions?.length) await deleteRegistration.call(this);
	const secret = generateSecret();
	const workflow = this.getWorkflow();
	const created: RegisteredAction[] = [];
	try {
		for (const [index, pattern] of subscriptions.patterns.entries()) {
			const action: IDataObject = {
				event: pattern.code,
				description: `n8n workflow "${workflow.name ?? workflow.id}" (${pattern.text})`,
				status: 'ACTIVE',
				sensitive: false,
				steps: [httpStep(url, secret, index, subscriptions)],
			};
			if (pattern.filter) action.filter = pattern.filter;
			const { body } = await chartHopRequest.call(this, {
				method: 'POST',
				orgPath: '/action',
				body: { action },
			});
			const id = (body as IDataObject)?.id;
			if (typeof id !== 'string' && typeof id !== 'number') {
				throw new NodeApiError(this.getNode(), (body ?? {}) as JsonObject, {
					message: 'ChartHop created the automated action but did not return its id',
					description:
						'n8n cannot delete an action it cannot identify. Check the actions in ChartHop and try again.',
				});
			}
			created.push({ id: String(id), pattern: pattern.text });
		}
	} catch (error) {
		data.actions = created;
		if (created.length) {
			this.logger.error(
				`ChartHop Trigger: registration failed after creating ${created.length} automated action(s); removing them`,
			);
			await deleteRegistration.call(this).catch((cleanupError: Error) => {
				this.logger.error(`ChartHop Trigger: could not remove them: ${cleanupError.message}`);
			});
		}
		const nodeError =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.getNode(), error as Error);
		throw nodeError;
	}

	data.secret = secret;
	data.actions = created;
	data.key = registrationKey(subscriptions, url);
	return true;
}

/**
 * Deletes every automated action this node created. Actions already gone count as deleted; any
 * other failure is logged, the action stays remembered for the next attempt, and the error is thrown.
 */
export async function deleteRegistration(this: IHookFunctions): Promise<boolean> {
	const data = state(this);
	const remaining: RegisteredAction[] = [];
	let failure: Error | undefined;
	for (const action of data.actions ?? []) {
		try {
			await chartHopRequest.call(this, {
				method: 'DELETE',
				orgPath: `/action/${encodeURIComponent(action.id)}`,
				acceptStatuses: [404],
			});
		} catch (error) {
			this.logger.error(
				`ChartHop Trigger: could not delete automated action ${action.id} (${action.pattern}): ${(error as Error).message}`,
			);
			remaining.push(action);
			failure ??= error as Error;
		}
	}
	if (remaining.length) {
		data.actions = remaining;
		throw failure instanceof NodeApiError || failure instanceof NodeOperationError
			? failure
			: new NodeOperationError(this.getNode(), failure as Error);
	}
	forget(data);
	return true;
}
