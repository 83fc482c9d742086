import { listedIds, webhookUrlIn } from '../../../nodes/Coresignal/trigger/answers';

const URL = 'https://n8n.example.com/webhook/abc/webhook?token=0123';

describe('the webhook URL a subscription detail shows', () => {
	it.each([
		['webhook_url', { id: '1', webhook_url: URL }],
		['webhookUrl', { id: '1', webhookUrl: URL }],
		['WebhookURL', { id: '1', WebhookURL: URL }],
		['callback_url', { id: '1', callback_url: URL }],
		['webhook as a string', { id: '1', webhook: URL }],
		['webhook.url', { id: '1', webhook: { url: URL } }],
		['nested under data', { data: { id: '1', webhook_url: URL } }],
		['nested two levels down', { subscription: { settings: { webhook: { url: URL } } } }],
	])('is read from %s', (_name, detail) => {
		expect(webhookUrlIn(detail)).toBe(URL);
	});

	it.each([
		[
			'the documented detail fields',
			{
				id: '1',
				status: 'active',
				entity: 'employee',
				es_dsl_query: null,
				filters: null,
				last_webhook_sent: null,
			},
		],
		['an empty webhook_url', { id: '1', webhook_url: '' }],
		['a URL under an unrelated key', { id: '1', docs_url: 'https://docs.coresignal.com' }],
		['no body', undefined],
		['a list', [{ webhook_url: URL }]],
	])('is absent from %s', (_name, detail) => {
		expect(webhookUrlIn(detail)).toBeUndefined();
	});
});

describe('the ids on one page of the subscription list', () => {
	it.each([
		[
			'the documented bare array',
			[
				{ id: 'a', status: 'active', created_at: '2024-09-18', expiring_at: '2024-12-18' },
				{ id: 'b', status: 'active' },
			],
			['a', 'b'],
		],
		['an empty page', [], []],
		['an array wrapped under data', { data: [{ id: 'a' }] }, ['a']],
		['an array wrapped under subscriptions', { subscriptions: [{ subscription_id: 'a' }] }, ['a']],
		['plain id strings', ['a', 'b'], ['a', 'b']],
	])('are read from %s', (_name, body, ids) => {
		expect(listedIds(body)).toEqual(ids);
	});

	it.each([
		['an object with no list', { detail: 'Not found' }],
		['an HTML page', '<html></html>'],
		['no body', undefined],
	])('cannot be read from %s', (_name, body) => {
		expect(listedIds(body)).toBeUndefined();
	});
});
