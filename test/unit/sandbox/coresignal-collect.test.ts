import { generateEmployee } from '../../../sandbox/coresignal/employees';
import { coresignalV1, coresignalV2, sandboxPerFile } from './support';

const env = sandboxPerFile({ coresignal: { credits: 100 } });

describe('collect', () => {
	it('returns a Clean Employee record by id', async () => {
		const response = await coresignalV2(env.sandbox).get('/v2/employee_clean/collect/100001');
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			id: 100001,
			full_name: expect.any(String),
			name_first: expect.any(String),
			name_last: expect.any(String),
			headline: expect.any(String),
			websites_professional_network: expect.stringMatching(/^https:\/\/www\.linkedin\.com\/in\//),
			shorthand_names: [expect.any(String)],
			last_updated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			location_country: expect.any(String),
			skills: expect.any(Array),
			education: expect.any(Array),
		});
		expect(response.data.experience[0]).toMatchObject({
			company_name: expect.any(String),
			title: expect.any(String),
			date_from: expect.any(String),
		});
	});

	it('finds the same employee by shorthand name and by URL-encoded profile URL', async () => {
		const api = coresignalV2(env.sandbox);
		const { data: byId } = await api.get('/v2/employee_clean/collect/100042');
		const bySlug = await api.get(`/v2/employee_clean/collect/${byId.shorthand_names[0]}`);
		const byUrl = await api.get(
			`/v2/employee_clean/collect/${encodeURIComponent(byId.websites_professional_network)}`,
		);
		expect(bySlug.data).toEqual(byId);
		expect(byUrl.data).toEqual(byId);
	});

	it('serves the other employee datasets too', async () => {
		const api = coresignalV2(env.sandbox);
		expect((await api.get('/v2/employee_multi_source/collect/100001')).status).toBe(200);
		expect((await api.get('/v2/employee_base/collect/100001')).status).toBe(200);
	});

	it('answers 404 {detail} for ids outside the range and unknown names', async () => {
		const api = coresignalV2(env.sandbox);
		const outside = await api.get('/v2/employee_clean/collect/99');
		const unknown = await api.get('/v2/employee_clean/collect/nobody-here-zz');
		expect([outside.status, unknown.status]).toEqual([404, 404]);
		expect(outside.data).toEqual({ detail: 'Employee not found' });
	});

	it('reports the remaining credits and charges only successful requests', async () => {
		const api = coresignalV2(env.sandbox);
		const first = await api.get('/v2/employee_clean/collect/100001');
		const missing = await api.get('/v2/employee_clean/collect/1');
		const second = await api.get('/v2/employee_clean/collect/100002');
		expect(first.headers['x-credits-remaining']).toBe('99');
		expect(missing.headers['x-credits-remaining']).toBe('99');
		expect(second.headers['x-credits-remaining']).toBe('98');
	});

	it('charges 2 credits on Multi-source', async () => {
		const response = await coresignalV2(env.sandbox).get(
			'/v2/employee_multi_source/collect/100001',
		);
		expect(response.headers['x-credits-remaining']).toBe('98');
	});

	it('answers 402 {"detail":"Insufficient credits"} at 0 credits', async () => {
		await env.sandbox.client.coresignal.configure({ credits: 1 });
		const api = coresignalV2(env.sandbox);
		expect((await api.get('/v2/employee_clean/collect/100001')).status).toBe(200);
		const broke = await api.get('/v2/employee_clean/collect/100002');
		expect(broke.status).toBe(402);
		expect(broke.data).toEqual({ detail: 'Insufficient credits' });
	});

	it('answers 429 with Retry-After beyond the collect rate limit', async () => {
		await env.sandbox.client.setRateLimits({
			coresignal: { collect: { requests: 2, windowMs: 1000 } },
		});
		const api = coresignalV2(env.sandbox);
		await api.get('/v2/employee_clean/collect/100001');
		await api.get('/v2/employee_clean/collect/100002');
		const limited = await api.get('/v2/employee_clean/collect/100003');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('1');
	});

	it('answers the v1 collect with member_-prefixed fields for the JWT', async () => {
		const response = await coresignalV1(env.sandbox).get(
			'/v1/professional_network/clean_member/collect/100001',
		);
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			member_id: 100001,
			member_full_name: expect.any(String),
		});
	});

	it('serves only the configured number of employees', async () => {
		await env.sandbox.client.coresignal.configure({ employeeCount: 10 });
		const api = coresignalV2(env.sandbox);
		expect((await api.get('/v2/employee_clean/collect/100010')).status).toBe(200);
		expect((await api.get('/v2/employee_clean/collect/100011')).status).toBe(404);
	});
});

describe('employee generator', () => {
	it('is a pure function of id and seed', () => {
		expect(generateEmployee(123456, 42)).toEqual(generateEmployee(123456, 42));
		expect(generateEmployee(123456, 42)).not.toEqual(generateEmployee(123456, 7));
		expect(generateEmployee(123456, 42).full_name).not.toBe(undefined);
	});

	it('gives every employee a unique shorthand name', () => {
		const names = new Set(
			Array.from({ length: 2000 }, (_, i) => generateEmployee(100001 + i, 42).shorthand_names[0]),
		);
		expect(names.size).toBe(2000);
	});

	it('lists current experience first with open date_to', () => {
		const current = Array.from({ length: 200 }, (_, i) => generateEmployee(100001 + i, 42)).filter(
			(e) => e.is_working === 1,
		);
		expect(current.length).toBeGreaterThan(0);
		for (const employee of current) {
			const [first] = employee.experience as Array<{ date_to: string | null; title: string }>;
			expect(first.date_to).toBeNull();
			expect(employee.job_title).toBe(first.title);
		}
	});
});
