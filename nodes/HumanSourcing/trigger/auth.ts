import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	INodeCredentialTestResult,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	HOW_TO_GENERATE_SECRET,
	headerValue,
	secretsMatch,
	shortSecretProblem,
	URL_SAFE_SECRET,
} from '../../shared/webhookAuth';

/** The credential that holds the secret (and, for Header authentication, the header name). */
export const CREDENTIAL_TYPE = 'humanSourcingWebhookApi';

/** Query parameter that carries the secret in the URL given to Human Sourcing: `…/webhook?token=<secret>`. */
export const URL_TOKEN_PARAMETER = 'token';

/** The credential's default header name for Header authentication. */
export const DEFAULT_HEADER_NAME = 'X-Webhook-Secret';

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A header value an HTTP client sends and a server reads back unchanged: visible ASCII and inner spaces. */
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * - `urlSecret` (version 2, default): the credential's secret in `?token=`, the only form that
 *   works with deliveries exactly as Human Sourcing documents them (no custom header).
 * - `headerAuth`: the credential's secret in the credential's header.
 * - `urlToken` (version 1 only): a token typed into the node, in `?token=`.
 * - `none`: no check.
 */
export type AuthenticationMode = 'none' | 'headerAuth' | 'urlToken' | 'urlSecret';

/** The default of each node version: version 1 keeps its Header default. */
export function defaultAuthentication(version: number): AuthenticationMode {
	return version >= 2 ? 'urlSecret' : 'headerAuth';
}

function authenticationMode(context: IHookFunctions | IWebhookFunctions): AuthenticationMode {
	const fallback = defaultAuthentication(context.getNode().typeVersion);
	return context.getNodeParameter('authentication', fallback) as AuthenticationMode;
}

interface Problem {
	message: string;
	description: string;
}

/** What is wrong with the form of a secret, for the place it travels in; undefined when usable. */
function secretProblem(
	secret: string,
	travelsIn: 'url' | 'header',
	setIn: 'credential' | 'node',
): Problem | undefined {
	const where =
		setIn === 'credential'
			? 'the Secret of the Human Sourcing Webhook API credential'
			: 'the Token of the node';
	const tooShort = shortSecretProblem(secret, where);
	if (tooShort) return tooShort;
	if (travelsIn === 'url' && !URL_SAFE_SECRET.test(secret)) {
		return {
			message:
				setIn === 'node'
					? 'The token cannot be used in a URL as it is'
					: 'The secret cannot be used in a URL as it is',
			description: `${capitalize(where)} travels as ?${URL_TOKEN_PARAMETER}=… in the URL you give Human Sourcing: use only letters, digits, "-" and "_" (${HOW_TO_GENERATE_SECRET})${setIn === 'credential' ? ', or switch Authentication to Header' : ''}.`,
		};
	}
	if (travelsIn === 'header' && !HEADER_SAFE.test(secret)) {
		return {
			message: 'The secret cannot be sent in an HTTP header as it is',
			description: `Remove line breaks, non-ASCII characters and leading or trailing spaces from ${where} (${HOW_TO_GENERATE_SECRET}).`,
		};
	}
	return undefined;
}

function headerNameProblem(headerName: string): Problem | undefined {
	if (HEADER_NAME.test(headerName)) return undefined;
	return {
		message:
			headerName === '' ? 'The header name is empty' : `"${headerName}" is not an HTTP header name`,
		description: `Set the Header Name of the Human Sourcing Webhook API credential to letters, digits and "-" only, e.g. ${DEFAULT_HEADER_NAME}.`,
	};
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

interface ExpectedSecret {
	/** Where the caller must put the secret, for the 401 message. */
	location: string;
	secret: string;
	/** What is wrong with the configured secret, checked on activation. */
	problem?: Problem;
	read: (context: IWebhookFunctions) => unknown;
}

function readQueryToken(webhook: IWebhookFunctions): unknown {
	return (webhook.getQueryData() as IDataObject)[URL_TOKEN_PARAMETER];
}

async function expectedSecret(
	context: IHookFunctions | IWebhookFunctions,
	mode: AuthenticationMode,
): Promise<ExpectedSecret | undefined> {
	if (mode === 'headerAuth') {
		const credentials = await context.getCredentials<{ headerName: string; secret: string }>(
			CREDENTIAL_TYPE,
		);
		const headerName = String(credentials.headerName ?? '').trim();
		const secret = String(credentials.secret ?? '');
		return {
			location: `the ${headerName} header`,
			secret,
			problem: secretProblem(secret, 'header', 'credential') ?? headerNameProblem(headerName),
			read: (webhook) => headerValue(webhook, headerName),
		};
	}
	if (mode === 'urlSecret') {
		const credentials = await context.getCredentials<{ secret: string }>(CREDENTIAL_TYPE);
		const secret = String(credentials.secret ?? '');
		return {
			location: `the ${URL_TOKEN_PARAMETER} query parameter`,
			secret,
			problem: secretProblem(secret, 'url', 'credential'),
			read: readQueryToken,
		};
	}
	if (mode === 'urlToken') {
		const secret = String(context.getNodeParameter('urlToken', ''));
		return {
			location: `the ${URL_TOKEN_PARAMETER} query parameter`,
			secret,
			problem: secretProblem(secret, 'url', 'node'),
			read: readQueryToken,
		};
	}
	return undefined;
}

/**
 * Refuses to activate with a secret that would make every delivery fail or be guessable, with a
 * message that says what to change.
 */
export async function assertUsableSecret(context: IHookFunctions): Promise<void> {
	const expected = await expectedSecret(context, authenticationMode(context));
	if (expected?.problem === undefined) return;
	throw new NodeOperationError(context.getNode(), expected.problem.message, {
		description: expected.problem.description,
	});
}

/** Returns why a call is refused, or undefined when it may start the workflow. */
export async function authenticationFailure(
	context: IWebhookFunctions,
): Promise<string | undefined> {
	const expected = await expectedSecret(context, authenticationMode(context));
	if (expected === undefined) return undefined;
	const received = expected.read(context);
	if (received === undefined || received === '')
		return `Missing secret: send it in ${expected.location}`;
	if (!secretsMatch(received, expected.secret)) return `Wrong secret in ${expected.location}`;
	return undefined;
}

/**
 * The credential's "Test": Human Sourcing has no API to check a secret against (n8n checks it on
 * every delivery), so the test checks what can be known up front: that the secret works for the
 * default Secret in URL authentication and for Header authentication.
 */
export function testCredentialForm(
	data: ICredentialDataDecryptedObject,
): INodeCredentialTestResult {
	const secret = String(data.secret ?? '');
	const headerName = String(data.headerName ?? '').trim();
	const problem =
		secretProblem(secret, 'header', 'credential') ??
		(headerName === '' ? undefined : headerNameProblem(headerName));
	if (problem !== undefined) {
		return { status: 'Error', message: `${problem.message}. ${problem.description}` };
	}
	if (!URL_SAFE_SECRET.test(secret)) {
		return {
			status: 'Error',
			message: `The secret works with Header authentication only. Secret in URL (the default) sends it as ?${URL_TOKEN_PARAMETER}=… in the URL you give Human Sourcing: use only letters, digits, "-" and "_" (${HOW_TO_GENERATE_SECRET}).`,
		};
	}
	return {
		status: 'OK',
		message: `The secret can be used in the URL (?${URL_TOKEN_PARAMETER}=…) and in a header. Human Sourcing offers no API to check it: n8n compares it with every delivery.`,
	};
}
