import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions, INode } from 'n8n-workflow';

import { fixInMessage, withStandAloneErrors } from '../../../nodes/shared/hooks';

const node = {
	name: 'Trigger',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;
const hookContext = { getNode: () => node } as unknown as IHookFunctions;

describe('lifecycle hook errors stand alone (n8n shows only their message)', () => {
	it('moves the fix from the description into the message', () => {
		const error = fixInMessage(
			new NodeOperationError(node, 'The webhook secret is too short', {
				description: 'Set it to at least 16 random characters.',
			}),
		);
		expect(error.message).toBe(
			'The webhook secret is too short. Set it to at least 16 random characters.',
		);
		expect(error.description).toBeNull();
	});

	it('does not repeat a fix the message already carries', () => {
		const error = fixInMessage(
			new NodeOperationError(node, 'Bad secret. Set a new one.', { description: 'Set a new one.' }),
		);
		expect(error.message).toBe('Bad secret. Set a new one.');
	});

	it('keeps the vendor’s own words first in an HTTP error', () => {
		const error = fixInMessage(
			new NodeApiError(
				node,
				{ status: 401 },
				{
					message: 'Coresignal answered 401: Invalid API key',
					description: 'Check the API key in the Coresignal credential.',
				},
			),
		);
		expect(error.message).toBe(
			'Coresignal answered 401: Invalid API key. Check the API key in the Coresignal credential.',
		);
	});

	it('wraps every hook, and turns a plain error into a node error', async () => {
		const lifecycle = withStandAloneErrors({
			checkExists: async () => true,
			create: async () => {
				throw new NodeOperationError(node, 'Cannot register', { description: 'Try again.' });
			},
			delete: async () => {
				throw new Error('socket hang up');
			},
		});
		await expect(lifecycle.checkExists.call(hookContext)).resolves.toBe(true);
		await expect(lifecycle.create.call(hookContext)).rejects.toThrow('Cannot register. Try again.');
		await expect(lifecycle.delete.call(hookContext)).rejects.toBeInstanceOf(NodeOperationError);
	});
});
