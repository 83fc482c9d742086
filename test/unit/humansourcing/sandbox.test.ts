import { parseDelivery } from '../../../nodes/HumanSourcing/trigger/delivery';
import { exampleDelivery, EXAMPLE_NAMES } from '../../../sandbox/humansourcing/deliveries';
import { sandboxPerFile } from '../sandbox/support';

const env = sandboxPerFile();
const received = () => env.receiver.requests;
/** The receiver's URL without its query, and its path. */
const receiverUrl = () => env.receiver.url.split('?')[0];
const receiverPath = () => new URL(env.receiver.url).pathname;

beforeEach(() => {
	env.receiver.respondWith = { status: 200, body: { message: 'Workflow was started' } };
});

describe('sandbox Human Sourcing deliveries', () => {
	it('serves the six documented examples', async () => {
		const examples = await env.sandbox.client.humansourcing.examples();
		expect(Object.keys(examples)).toEqual(EXAMPLE_NAMES);
		expect(examples['candidate.delete']).toEqual([
			{ event: 'delete', type: 'candidate', data: { id: 12121 } },
		]);
	});

	it('pushes the chosen examples as one JSON array and reports the answer', async () => {
		const record = await env.sandbox.client.humansourcing.deliver({
			url: receiverUrl(),
			examples: ['job.creation', 'candidate.delete'],
		});
		expect(record).toMatchObject({
			status: 200,
			body: { message: 'Workflow was started' },
			source: 'humansourcing',
			size: 2,
		});
		expect(received()[0].body).toEqual([
			...exampleDelivery('job.creation'),
			...exampleDelivery('candidate.delete'),
		]);
	});

	it('sends the secret header and keeps the token in the URL', async () => {
		await env.sandbox.client.humansourcing.deliver({
			url: `${receiverUrl()}?token=abc`,
			examples: ['job.delete'],
			headers: { 'X-HS-Secret': 's3cret' },
		});
		expect(received()[0].url).toBe(`${receiverPath()}?token=abc`);
		expect(received()[0].headers['x-hs-secret']).toBe('s3cret');
		expect(received()[0].headers['content-type']).toBe('application/json');
	});

	it('generates random variants that are valid and reproducible', async () => {
		const random = {
			count: 50,
			seed: 5,
			types: ['candidate' as const],
			events: ['creation' as const, 'update' as const],
		};
		await env.sandbox.client.humansourcing.deliver({ url: receiverUrl(), random });
		await env.sandbox.client.humansourcing.deliver({ url: receiverUrl(), random });
		const [first, second] = received().map((r) => r.body);
		expect(first).toEqual(second);
		const events = parseDelivery(first).map((element) => (element.ok ? element.event : undefined));
		expect(events.map((e) => e?.type)).toEqual(Array(50).fill('candidate'));
		expect(new Set(events.map((e) => e?.event))).toEqual(new Set(['creation', 'update']));
	});

	it('sends exact elements as given, even malformed ones', async () => {
		await env.sandbox.client.humansourcing.deliver({
			url: receiverUrl(),
			elements: [{ event: 'archive' }],
		});
		expect(received()[0].body).toEqual([{ event: 'archive' }]);
	});

	it('refuses an unknown example name', async () => {
		await expect(
			env.sandbox.client.humansourcing.deliver({
				url: receiverUrl(),
				examples: ['job.archive' as never],
			}),
		).rejects.toThrow('Unknown examples job.archive');
	});

	it('counts its deliveries in the state until reset', async () => {
		await env.sandbox.client.humansourcing.deliver({
			url: receiverUrl(),
			examples: ['job.update'],
		});
		expect(env.sandbox.humansourcing.state().deliveriesSent).toBeGreaterThan(0);
		await env.sandbox.client.reset();
		expect(env.sandbox.humansourcing.state()).toEqual({ deliveriesSent: 0 });
	});
});
