/* eslint-disable @n8n/community-nodes/require-node-api-error -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type { SandboxRequest, SandboxResponse } from '../core/http';
import { json } from '../core/http';
import type { Router } from '../core/router';
import { evaluate, parseCql, CqlError } from './cql';
import type { Action, ActionStep, ChartHopModel } from './model';
import { validateCql } from './model';
import { splitPattern, validGlob } from './patterns';

/** ChartHop's error shape (a guess: `{status, message}`; the reference documents none). */
export const error = (status: number, message: string) => json(status, { status, message });

const record = (value: unknown): Record<string, unknown> | undefined =>
	value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;

/** `{data, next}` pages; `from` is the id to start at (inclusive) as returned in `next`. */
function page<T extends { id: string }>(
	all: T[],
	req: SandboxRequest,
	strip?: (item: T) => unknown,
): SandboxResponse {
	const limit = Math.min(Math.max(Number(req.query.limit ?? 100) || 100, 1), 1000);
	let start = 0;
	const from = req.query.from;
	if (from) {
		start = all.findIndex((item) => item.id === from);
		if (start === -1) return error(400, `Invalid from cursor: ${from}`);
	}
	const slice = all.slice(start, start + limit);
	const next = all[start + limit]?.id;
	return json(200, { data: strip ? slice.map(strip) : slice, ...(next ? { next } : {}) });
}

function checkSteps(steps: unknown): string | ActionStep[] {
	if (steps === undefined) return [];
	if (!Array.isArray(steps)) return 'action.steps must be an array';
	for (const [i, step] of steps.entries()) {
		const s = record(step);
		if (!s) return `action.steps[${i}] must be an object`;
		if (!['FORM', 'MESSAGE', 'HTTP', 'TASK', 'SIGNATURE', 'AI'].includes(String(s.type))) {
			return `action.steps[${i}].type must be one of FORM, MESSAGE, HTTP, TASK`;
		}
		if (s.type === 'HTTP') {
			try {
				const url = new URL(String(s.httpUrl));
				if (!/^https?:$/.test(url.protocol)) throw new Error();
			} catch {
				return `action.steps[${i}].httpUrl must be an http(s) URL`;
			}
			const headers = s.httpHeaders === undefined ? {} : record(s.httpHeaders);
			if (!headers || Object.values(headers).some((v) => typeof v !== 'string')) {
				return `action.steps[${i}].httpHeaders must map header names to strings`;
			}
			if (s.httpContent !== undefined && !record(s.httpContent))
				return `action.steps[${i}].httpContent must be an object`;
		}
	}
	return steps as ActionStep[];
}

/** Validates a CreateAction/UpdateAction body; returns the error message or the cleaned fields. */
function checkAction(body: unknown, creating: boolean): string | Partial<Action> {
	const action = record(record(body)?.action);
	if (!action) return 'Body must be {"action": {...}}';
	if (creating && typeof action.sensitive !== 'boolean') return 'action.sensitive is required';
	if (creating && !action.event && !action.cronSchedule)
		return 'action.event or action.cronSchedule is required';
	if (action.event !== undefined) {
		const { code, filter } = splitPattern(String(action.event));
		if (filter !== undefined || !validGlob(code))
			return `Invalid event pattern: ${String(action.event)}`;
	}
	if (action.filter !== undefined && action.filter !== null && action.filter !== '') {
		const result = validateCql(String(action.filter));
		if (!result.isValid) return `Invalid filter: ${result.message}`;
	}
	if (action.status !== undefined && !['ACTIVE', 'INACTIVE'].includes(String(action.status))) {
		return 'action.status must be ACTIVE or INACTIVE';
	}
	const steps = checkSteps(action.steps);
	if (typeof steps === 'string') return steps;
	return { ...action, ...(action.steps !== undefined ? { steps } : {}) } as Partial<Action>;
}

export function registerApi(
	router: Router,
	model: ChartHopModel,
	org: { id: string; slug: string },
): void {
	const opts = { auth: 'bearer', rateGroup: 'api' };
	const inOrg =
		(handler: (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>) =>
		(req: SandboxRequest) =>
			req.params.org === org.slug || req.params.org === org.id
				? handler(req)
				: error(404, `Org ${req.params.org} not found`);

	router.post(
		'/v1/org/:org/action',
		inOrg((req) => {
			const checked = checkAction(req.body, true);
			if (typeof checked === 'string') return error(400, checked);
			const action: Action = {
				status: 'ACTIVE',
				steps: [],
				...checked,
				id: model.nextId('act_'),
				orgId: org.id,
				sensitive: checked.sensitive as boolean,
				createAt: model.now(),
			};
			model.actions.set(action.id, action);
			return json(201, action);
		}),
		opts,
	);
	router.get(
		'/v1/org/:org/action',
		inOrg((req) => page([...model.actions.values()], req)),
		opts,
	);
	router.get(
		'/v1/org/:org/action/:id',
		inOrg((req) => {
			const action = model.actions.get(req.params.id);
			return action ? json(200, action) : error(404, `Action ${req.params.id} not found`);
		}),
		opts,
	);
	router.on(
		'PATCH',
		'/v1/org/:org/action/:id',
		inOrg((req) => {
			const action = model.actions.get(req.params.id);
			if (!action) return error(404, `Action ${req.params.id} not found`);
			const checked = checkAction(req.body, false);
			if (typeof checked === 'string') return error(400, checked);
			Object.assign(action, checked, { id: action.id, orgId: action.orgId });
			return json(200, action);
		}),
		opts,
	);
	router.delete(
		'/v1/org/:org/action/:id',
		inOrg((req) =>
			model.actions.delete(req.params.id)
				? json(204, undefined)
				: error(404, `Action ${req.params.id} not found`),
		),
		opts,
	);

	router.get(
		'/v1/org/:org/event',
		inOrg((req) => {
			let events = model.events;
			const { code, entityType, entityId, userId } = req.query;
			if (code) events = events.filter((e) => e.code === code.toLowerCase());
			if (entityType) events = events.filter((e) => e.entityType === entityType.toUpperCase());
			if (entityId) events = events.filter((e) => e.entityId === entityId);
			if (userId) events = events.filter((e) => e.userId === userId);
			// `from` is a timestamp (epoch ms) to start at, or the event id a previous page returned as `next`.
			const from = req.query.from;
			if (from && /^\d+$/.test(from)) {
				events = events.filter((e) => e.at >= Number(from));
				req = { ...req, query: { ...req.query, from: '' } };
			}
			// The list leaves payloads out ("Return past events, paginated, without payloads present").
			return page(events, req, (event) => ({ ...event, payload: undefined }));
		}),
		opts,
	);
	router.get(
		'/v1/org/:org/event/:id',
		inOrg((req) => {
			const event = model.events.find((e) => e.id === req.params.id);
			return event ? json(200, event) : error(404, `Event ${req.params.id} not found`);
		}),
		opts,
	);

	router.post(
		'/v1/org/:org/cql/validate',
		inOrg((req) => {
			const expressions = record(req.body)?.expressions;
			if (!Array.isArray(expressions) || expressions.some((e) => typeof e !== 'string')) {
				return error(400, 'expressions must be an array of strings');
			}
			const results = (expressions as string[]).map(validateCql);
			return json(200, { isValid: results.every((r) => r.isValid), results });
		}),
		opts,
	);
	router.post(
		'/v1/org/:org/cql/evaluate',
		inOrg((req) => {
			const body = record(req.body) ?? {};
			if (typeof body.expr !== 'string' || !body.expr) return error(400, 'expr is required');
			const entityType = String(body.entityType ?? '').toUpperCase();
			if (!['PERSON', 'JOB'].includes(entityType))
				return error(400, 'entityType must be PERSON or JOB');
			const subject = model.findPerson(String(body.entityId ?? ''));
			if (!subject) return error(404, `${entityType} ${String(body.entityId)} not found`);
			try {
				return json(200, { result: evaluate(parseCql(body.expr), subject) ?? null });
			} catch (e) {
				if (e instanceof CqlError) return json(200, { result: null, error: e.message });
				throw e;
			}
		}),
		opts,
	);
}
