import { redactAction } from '../../../nodes/ChartHop/trigger/auth';

describe("redactAction: an automated action without n8n's secret header value", () => {
	it('replaces the x-n8n-secret value of every HTTP step, whatever the letter case of its name', () => {
		const action = {
			id: 'act_1',
			steps: [
				{ type: 'HTTP', httpHeaders: { 'X-N8N-Secret': 'abc', 'x-n8n-pattern': '0' } },
				{ type: 'HTTP', httpHeaders: { 'x-n8n-secret': 'def', Authorization: 'Bearer mine' } },
			],
		};
		expect(redactAction(action).steps).toEqual([
			{ type: 'HTTP', httpHeaders: { 'X-N8N-Secret': '[redacted]', 'x-n8n-pattern': '0' } },
			{ type: 'HTTP', httpHeaders: { 'x-n8n-secret': '[redacted]', Authorization: 'Bearer mine' } },
		]);
	});

	it('leaves the action it was given untouched', () => {
		const action = {
			id: 'act_1',
			steps: [{ type: 'HTTP', httpHeaders: { 'x-n8n-secret': 'abc' } }],
		};
		redactAction(action);
		expect(action.steps[0].httpHeaders['x-n8n-secret']).toBe('abc');
	});

	it('passes through actions and steps of other shapes', () => {
		expect(redactAction({ id: 'act_2' })).toEqual({ id: 'act_2' });
		expect(redactAction({ id: 'act_3', steps: [{ type: 'FORM' }, 'odd', null] as never })).toEqual({
			id: 'act_3',
			steps: [{ type: 'FORM' }, 'odd', null],
		});
		expect(
			redactAction({
				id: 'act_4',
				steps: [{ type: 'HTTP', httpHeaders: ['x-n8n-secret'] }] as never,
			}),
		).toEqual({ id: 'act_4', steps: [{ type: 'HTTP', httpHeaders: ['x-n8n-secret'] }] });
	});
});
