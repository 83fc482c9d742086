import type { SandboxRequest, SandboxResponse } from '../core/http';
import { json } from '../core/http';
import type { Router } from '../core/router';
import type { Dataset } from './catalog';
import { COLLECT_CREDITS, DATASETS } from './catalog';
import type { CoresignalContext } from './context';
import { detail } from './context';
import type { Employee } from './employees';
import { messages, V1_FIELD_PREFIX } from './guesses';

function v1Shape(employee: Employee): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(employee).map(([key, value]) => [
			key.startsWith(V1_FIELD_PREFIX) ? key : `${V1_FIELD_PREFIX}${key}`,
			value,
		]),
	);
}

/**
 * One employee by id, shorthand name or (URL-encoded) profile URL. Only 200 answers cost
 * credits; at 0 credits every collect answers 402. `x-credits-remaining` is on every answer.
 */
function collect(
	cs: CoresignalContext,
	dataset: Dataset,
	req: SandboxRequest,
	shape: (employee: Employee) => Record<string, unknown> = (e) => e,
): SandboxResponse {
	const headers = () => ({ 'x-credits-remaining': cs.credits.remaining });
	const cost = COLLECT_CREDITS[dataset];
	if (cs.credits.remaining < cost) return detail(402, messages.insufficientCredits, headers());
	const employee = cs.employees.find(req.params.key);
	if (!employee) return detail(404, messages.employeeNotFound, headers());
	cs.credits.remaining -= cost;
	return json(200, shape(employee), headers());
}

export function registerCollect(router: Router, cs: CoresignalContext): void {
	for (const dataset of DATASETS) {
		router.get(`/v2/${dataset}/collect/:key`, (req) => collect(cs, dataset, req), {
			auth: 'apikey',
			rateGroup: 'collect',
		});
	}
	router.get(
		'/v1/professional_network/clean_member/collect/:key',
		(req) => collect(cs, 'employee_clean', req, v1Shape),
		{ auth: 'jwt', rateGroup: 'collect' },
	);
}
