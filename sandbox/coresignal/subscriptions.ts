/* eslint-disable @n8n/community-nodes/require-node-api-error -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type { SandboxRequest, SandboxResponse } from '../core/http';
import { json } from '../core/http';
import type { Router } from '../core/router';
import type { ApiVersion, CreateEndpoint } from './catalog';
import { CREATE_ENDPOINTS } from './catalog';
import type { CreateAnswer } from './config';
import type { CoresignalContext } from './context';
import { detail } from './context';
import { CREATE_STATUS, deleteResponse, LIMIT_STATUS, messages } from './guesses';
import { parseCreateBody, RequestError } from './validation';

/** The create answer in the shape the sandbox is configured to give. */
function createAnswer(summary: { id: string } & Record<string, unknown>, shape: CreateAnswer = 'object'): unknown {
	switch (shape) {
		case 'string':
			return summary.id;
		case 'subscription_id':
		case 'subscriptionId': {
			const { id, ...rest } = summary;
			return { [shape]: id, ...rest };
		}
		case 'data':
		case 'subscription':
			return { [shape]: summary };
		case 'object':
			return summary;
	}
}

const AUTH: Record<ApiVersion, string> = { v1: 'jwt', v2: 'apikey' };
const manage = (version: ApiVersion) => ({ auth: AUTH[version], rateGroup: 'subscription-manage' });

function create(cs: CoresignalContext, endpoint: CreateEndpoint, req: SandboxRequest): SandboxResponse {
	if (req.bodyError) return detail(400, req.bodyError);
	const owner = req.credential as string;
	const config = cs.config();
	try {
		const input = parseCreateBody(endpoint, req.body, config.maxIdsPerSubscription);
		if (cs.store.activeCount(owner) >= config.maxSubscriptions) {
			return detail(LIMIT_STATUS, `Subscription limit reached: ${config.maxSubscriptions} active subscriptions per key.`);
		}
		const subscription = cs.store.create(owner, endpoint, input);
		return json(CREATE_STATUS, createAnswer(cs.store.summary(subscription), config.createAnswer));
	} catch (error) {
		if (error instanceof RequestError) return detail(error.status, error.message);
		throw error;
	}
}

function list(cs: CoresignalContext, version: ApiVersion, req: SandboxRequest): SandboxResponse {
	const { expired = 'false', page = '1' } = req.query;
	if (!['true', 'false'].includes(expired)) return detail(422, 'expired: expected true or false');
	const pageNumber = Number(page);
	if (!Number.isInteger(pageNumber) || pageNumber < 1) return detail(422, 'page: expected an integer of at least 1');
	const { pageSize } = cs.config();
	const items = cs.store.list(req.credential as string, version, expired === 'true');
	return json(
		200,
		items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((s) => cs.store.listItem(s)),
	);
}

/**
 * Create, list, get and delete for v2 (API key) and v1 (JWT), and v2 renew. A key sees only its
 * own subscriptions; others' ids answer 404 like unknown ones.
 */
export function registerSubscriptions(router: Router, cs: CoresignalContext): void {
	for (const endpoint of CREATE_ENDPOINTS) {
		router.post(endpoint.path, (req) => create(cs, endpoint, req), {
			auth: AUTH[endpoint.version],
			rateGroup: endpoint.rateGroup,
			ratePerPath: true,
		});
	}

	for (const version of ['v1', 'v2'] as const) {
		router.get(`/${version}/subscriptions`, (req) => list(cs, version, req), manage(version));

		router.get(
			`/${version}/subscriptions/:id`,
			(req) => {
				const subscription = cs.store.get(req.credential as string, version, req.params.id);
				if (!subscription) return detail(404, messages.subscriptionNotFound);
				return json(200, cs.store.detail(subscription));
			},
			manage(version),
		);

		router.delete(
			`/${version}/subscriptions/:id`,
			(req) => {
				if (!cs.store.delete(req.credential as string, version, req.params.id)) {
					return detail(404, messages.subscriptionNotFound);
				}
				return json(200, deleteResponse(req.params.id));
			},
			manage(version),
		);
	}

	router.post(
		'/v2/subscriptions/:id/renew',
		(req) => {
			const result = cs.store.renew(req.credential as string, req.params.id);
			if (result.ok) return json(200, cs.store.summary(result.subscription));
			switch (result.reason) {
				case 'not_found':
					return detail(404, messages.subscriptionNotFound);
				case 'expired':
					return detail(400, messages.expired);
				case 'past_one_year':
					return detail(400, messages.pastOneYear);
				case 'initialising':
					return detail(409, messages.initialising);
			}
		},
		manage('v2'),
	);
}
