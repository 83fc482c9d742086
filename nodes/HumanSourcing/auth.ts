import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { headerValue, secretsMatch } from '../shared/webhookAuth';
import { MIN_SECRET_LENGTH, URL_TOKEN_PARAMETER } from './properties';

export type AuthenticationMode = 'none' | 'headerAuth' | 'urlToken';

interface ExpectedSecret {
	/** Where the caller must put the secret, for the 401 message. */
	location: string;
	secret: string;
	read: (context: IWebhookFunctions) => unknown;
}

async function expectedSecret(
	context: IHookFunctions | IWebhookFunctions,
	mode: AuthenticationMode,
): Promise<ExpectedSecret | undefined> {
	if (mode === 'headerAuth') {
		const credentials = await context.getCredentials<{ headerName: string; secret: string }>(
			'humanSourcingWebhookApi',
		);
		const headerName = String(credentials.headerName ?? '').trim();
		return {
			location: `the ${headerName} header`,
			secret: String(credentials.secret ?? ''),
			read: (webhook) => headerValue(webhook, headerName),
		};
	}
	if (mode === 'urlToken') {
		return {
			location: `the ${URL_TOKEN_PARAMETER} query parameter`,
			secret: String(context.getNodeParameter('urlToken', '')),
			read: (webhook) => (webhook.getQueryData() as IDataObject)[URL_TOKEN_PARAMETER],
		};
	}
	return undefined;
}

/** Refuses to activate with a secret that would make every call fail or be guessable. */
export async function assertUsableSecret(context: IHookFunctions): Promise<void> {
	const mode = context.getNodeParameter('authentication', 'none') as AuthenticationMode;
	const expected = await expectedSecret(context, mode);
	if (expected === undefined) return;
	if (expected.secret.length < MIN_SECRET_LENGTH) {
		throw new NodeOperationError(context.getNode(), 'The webhook secret is too short', {
			description:
				mode === 'headerAuth'
					? `Set a Secret of at least ${MIN_SECRET_LENGTH} characters in the Human Sourcing Webhook API credential.`
					: `Enter a Token of at least ${MIN_SECRET_LENGTH} characters in the node.`,
		});
	}
	if (mode === 'urlToken' && !/^[A-Za-z0-9_-]+$/.test(expected.secret)) {
		throw new NodeOperationError(context.getNode(), 'The token cannot be used in a URL as it is', {
			description:
				'Use only letters, digits, "-" and "_" so the URL you give Human Sourcing stays valid.',
		});
	}
}

/** Returns why a call is refused, or undefined when it may start the workflow. */
export async function authenticationFailure(
	context: IWebhookFunctions,
): Promise<string | undefined> {
	const mode = context.getNodeParameter('authentication', 'none') as AuthenticationMode;
	const expected = await expectedSecret(context, mode);
	if (expected === undefined) return undefined;
	const received = expected.read(context);
	if (received === undefined || received === '')
		return `Missing secret: send it in ${expected.location}`;
	if (!secretsMatch(received, expected.secret)) return `Wrong secret in ${expected.location}`;
	return undefined;
}
