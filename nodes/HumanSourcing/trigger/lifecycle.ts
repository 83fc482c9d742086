import type { IHookFunctions } from 'n8n-workflow';

import { assertUsableSecret } from './auth';

// Human Sourcing has no registration API: there is never anything remote to find, create or
// delete (the user gives Human Sourcing the URL). Activation still checks the secret, so a
// misconfigured node fails loudly when it is activated instead of answering 401 to every delivery.

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	// Always "not there", so n8n calls create() and the secret is checked on every activation.
	return false;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	await assertUsableSecret(this);
	return true;
}

export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	return true;
}
