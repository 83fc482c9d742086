import { json } from '../core/http';
import type { Router } from '../core/router';
import type { VendorContext } from '../core/vendor';
import {
	buildDelivery,
	EXAMPLE_NAMES,
	exampleDelivery,
	type HsExampleName,
	type RandomDeliveryOptions,
} from './deliveries';

export interface HsDeliverOptions {
	/** The customer's webhook URL (with `?token=…` when the receiver wants the secret in the URL). */
	url: string;
	/** Documented examples to send, in order (`job.creation`, `candidate.delete`, …). */
	examples?: HsExampleName[];
	/** Random valid elements appended after the examples. */
	random?: RandomDeliveryOptions;
	/** Exactly these elements instead (sent as they are, even if malformed). */
	elements?: unknown[];
	/** Extra request headers, e.g. the shared-secret header. */
	headers?: Record<string, string>;
}

function asOptions(body: unknown): HsDeliverOptions {
	const options = (body ?? {}) as HsDeliverOptions;
	if (typeof options.url !== 'string') throw new Error('"url" is required');
	const unknown = (options.examples ?? []).filter((name) => !EXAMPLE_NAMES.includes(name));
	if (unknown.length > 0) {
		throw new Error(`Unknown examples ${unknown.join(', ')}; use ${EXAMPLE_NAMES.join(', ')}`);
	}
	return options;
}

/** `/_control/humansourcing/…`: push deliveries to a URL the way Human Sourcing does. */
export function registerHumanSourcingControl(
	router: Router,
	ctx: VendorContext,
	onSent: () => void,
): void {
	router.get('/examples', () =>
		json(200, Object.fromEntries(EXAMPLE_NAMES.map((name) => [name, exampleDelivery(name)]))),
	);

	router.post('/deliver', async (req) => {
		const options = asOptions(req.body);
		const body = options.elements ?? buildDelivery(options);
		if (body.length === 0) throw new Error('Give "examples", "random" or "elements" to send');
		const record = await ctx.deliver(options.url, body, {
			source: 'humansourcing',
			headers: options.headers,
		});
		onSent();
		return json(200, record);
	});
}
