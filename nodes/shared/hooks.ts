import type { IHookFunctions, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from './errors';

type Hook = (this: IHookFunctions) => Promise<boolean>;
type WebhookLifecycle = Record<'checkExists' | 'create' | 'delete', Hook>;

/**
 * A trigger's webhook lifecycle whose errors stand alone. n8n shows only the message of an error
 * thrown while a workflow is activated (the editor's toast, the publication status of n8n 2.41),
 * so each error's fix moves from its description into its message.
 */
export function withStandAloneErrors(lifecycle: WebhookLifecycle): WebhookLifecycle {
	const wrap = (hook: Hook): Hook =>
		async function (this: IHookFunctions) {
			try {
				return await hook.call(this);
			} catch (error) {
				throw fixInMessage(asNodeError(this.getNode(), error));
			}
		};
	return {
		checkExists: wrap(lifecycle.checkExists),
		create: wrap(lifecycle.create),
		delete: wrap(lifecycle.delete),
	};
}

/** The error with its description appended to its message (once), and no description left to repeat it. */
export function fixInMessage<E extends NodeApiError | NodeOperationError>(error: E): E {
	const fix = error.description?.trim();
	if (!fix) return error;
	if (!error.message.includes(fix))
		error.message = `${error.message.replace(/[\s.:]+$/, '')}. ${fix}`;
	error.description = null;
	return error;
}
