import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	HOW_TO_GENERATE_SECRET,
	headerValue,
	matchesSecretHash,
	MIN_SECRET_LENGTH,
	rejectDelivery,
	secretsMatch,
	shortSecretProblem,
	URL_SAFE_SECRET,
} from '../../shared/webhookAuth';
import { CREDENTIAL_TYPE } from '../transport/api';
import type { RegistrationMode } from './settings';
import type { TriggerState } from './state';

/** The header of an automated action's HTTP step that carries the node's random secret. */
export const SECRET_HEADER = 'x-n8n-secret';
/** The header of an automated action's HTTP step that names the pattern (its index) it was created for. */
export const PATTERN_HEADER = 'x-n8n-pattern';
/** The query parameter of an app notification URL that carries the Webhook Secret. */
export const SECRET_QUERY = 'secret';
/** What Automated Action › Get / Get Many show in place of the secret header's value. */
export const REDACTED = '[redacted]';

interface ManualSecret {
	secret: string;
	/** Where the user sets it, for messages. */
	setIn: 'credential' | 'node';
}

/**
 * The secret ChartHop sends back to a Manual (app notification) trigger: the credential's Webhook
 * Secret; a version 1 node whose credential has none keeps using its Shared Secret parameter, so
 * saved workflows keep working (version 2 has no such parameter).
 */
async function manualSecret(context: IHookFunctions | IWebhookFunctions): Promise<ManualSecret> {
	const credentials = await context.getCredentials<{ webhookSecret?: string }>(CREDENTIAL_TYPE);
	const fromCredential = String(credentials.webhookSecret ?? '');
	if (fromCredential) return { secret: fromCredential, setIn: 'credential' };
	const fromNode = String(context.getNodeParameter('sharedSecret', '') ?? '');
	if (fromNode) return { secret: fromNode, setIn: 'node' };
	return { secret: '', setIn: 'credential' };
}

/**
 * Refuses to activate a Manual trigger whose secret is missing, guessable or cannot travel in the
 * notification URL, with a message that says what to change.
 */
export async function assertUsableManualSecret(context: IHookFunctions): Promise<void> {
	const { secret, setIn } = await manualSecret(context);
	const where =
		setIn === 'credential'
			? 'the Webhook Secret of the ChartHop API credential'
			: 'the Shared Secret of the node (or, better, the Webhook Secret of the ChartHop API credential, which workflow viewers cannot read)';
	let problem: { message: string; description: string } | undefined;
	if (secret === '') {
		problem = {
			message: 'The ChartHop credential has no Webhook Secret',
			description: `Manual registration needs a secret that ChartHop sends back with every notification. Set the Webhook Secret of the ChartHop API credential to at least ${MIN_SECRET_LENGTH} random letters, digits, "-" or "_" (${HOW_TO_GENERATE_SECRET}) and add ?${SECRET_QUERY}=<that secret> to the URL you give ChartHop.`,
		};
	} else if (secret.length < MIN_SECRET_LENGTH) {
		problem = shortSecretProblem(secret, where);
	} else if (!URL_SAFE_SECRET.test(secret)) {
		problem = {
			message: 'The webhook secret cannot be used in a URL as it is',
			description: `ChartHop sends the secret back as ?${SECRET_QUERY}=… in the notification URL: set ${where} to letters, digits, "-" and "_" only (${HOW_TO_GENERATE_SECRET}).`,
		};
	}
	if (problem) {
		throw new NodeOperationError(context.getNode(), problem.message, {
			description: problem.description,
		});
	}
}

/**
 * ChartHop signs nothing, so a secret proves a delivery comes from ChartHop: the random header of
 * the node's automated actions, checked against its hash in static data (Automatic), or the
 * Webhook Secret in the notification URL's query or in the header (Manual). Answers 401 and
 * returns the response when it is missing or wrong; returns undefined when the delivery is
 * authenticated.
 */
export async function rejectUnauthenticated(
	context: IWebhookFunctions,
	registration: RegistrationMode,
	state: TriggerState,
): Promise<IWebhookResponseData | undefined> {
	if (registration !== 'manual') {
		if (matchesSecretHash(headerValue(context, SECRET_HEADER), state.secretHash)) return undefined;
		return rejectDelivery(context, 401, `Missing or wrong ${SECRET_HEADER} header`);
	}
	const { secret } = await manualSecret(context);
	const query = context.getQueryData() as IDataObject;
	const received =
		headerValue(context, SECRET_HEADER) ??
		(typeof query[SECRET_QUERY] === 'string' ? (query[SECRET_QUERY] as string) : undefined);
	if (secretsMatch(received, secret)) return undefined;
	return rejectDelivery(
		context,
		401,
		`Missing or wrong secret: add ?${SECRET_QUERY}=<Webhook Secret> to the notification URL`,
	);
}

/** The pattern index an automated action's delivery names, when it names a valid one. */
export function patternIndexOf(context: IWebhookFunctions, count: number): number | undefined {
	const value = headerValue(context, PATTERN_HEADER);
	if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
	const index = Number(value);
	return index < count ? index : undefined;
}

/** A header map with the value of n8n's secret header (any letter case) replaced by `[redacted]`. */
function redactHeaders(headers: unknown): unknown {
	if (!headers || typeof headers !== 'object' || Array.isArray(headers)) return headers;
	return Object.fromEntries(
		Object.entries(headers as IDataObject).map(([name, value]) => [
			name,
			name.toLowerCase() === SECRET_HEADER ? REDACTED : value,
		]),
	);
}

/**
 * An automated action as ChartHop returned it, with the secret header of every HTTP step
 * redacted: with it, anyone who can see an execution could send deliveries a ChartHop Trigger
 * accepts.
 */
export function redactAction(action: IDataObject): IDataObject {
	if (!Array.isArray(action?.steps)) return action;
	return {
		...action,
		steps: (action.steps as unknown[]).map((step) =>
			step && typeof step === 'object' && !Array.isArray(step) && 'httpHeaders' in step
				? {
						...(step as IDataObject),
						httpHeaders: redactHeaders((step as IDataObject).httpHeaders),
					}
				: step,
		) as IDataObject[],
	};
}
