import type { SandboxRequest, SandboxResponse } from './http';

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

/** What the server needs to know about a route besides its handler. */
export interface RouteOptions {
	/** Passed to the vendor's `authenticate`; `false` means the route is public. */
	auth?: string | false;
	/** Rate-limit group (see `RateLimiter`); no group means no limit. */
	rateGroup?: string;
	/** Count the limit per concrete path (e.g. per subscription endpoint) instead of per group. */
	ratePerPath?: boolean;
}

export interface Route extends RouteOptions {
	methods: string[];
	pattern: string;
	segments: string[];
	handler: Handler;
}

export interface RouteMatch {
	route: Route;
	params: Record<string, string>;
}

function splitPath(path: string): string[] {
	return path.split('/').filter((segment) => segment !== '');
}

/** Method + `/path/:param` routing. Params match exactly one URL-encoded segment and are decoded. */
export class Router {
	readonly routes: Route[] = [];

	on(method: string | string[], pattern: string, handler: Handler, options: RouteOptions = {}): this {
		const methods = (Array.isArray(method) ? method : [method]).map((m) => m.toUpperCase());
		this.routes.push({ ...options, methods, pattern, segments: splitPath(pattern), handler });
		return this;
	}

	get(pattern: string, handler: Handler, options?: RouteOptions): this {
		return this.on('GET', pattern, handler, options);
	}

	post(pattern: string, handler: Handler, options?: RouteOptions): this {
		return this.on('POST', pattern, handler, options);
	}

	put(pattern: string, handler: Handler, options?: RouteOptions): this {
		return this.on('PUT', pattern, handler, options);
	}

	delete(pattern: string, handler: Handler, options?: RouteOptions): this {
		return this.on('DELETE', pattern, handler, options);
	}

	/**
	 * The route for `method path`. When the path exists with other methods only, `allowed` lists
	 * them so the caller can answer 405. Literal segments win over params at the same position.
	 */
	match(method: string, path: string): { found?: RouteMatch; allowed: string[] } {
		const parts = splitPath(path);
		const candidates: RouteMatch[] = [];
		for (const route of this.routes) {
			const params = matchSegments(route.segments, parts);
			if (params) candidates.push({ route, params });
		}
		candidates.sort((a, b) => specificity(b.route) - specificity(a.route));
		const upper = method.toUpperCase();
		const found = candidates.find(
			({ route }) => route.methods.includes(upper) || (upper === 'HEAD' && route.methods.includes('GET')),
		);
		return { found, allowed: [...new Set(candidates.flatMap(({ route }) => route.methods))] };
	}
}

function specificity(route: Route): number {
	return route.segments.reduce((score, segment, i) => score + (segment.startsWith(':') ? 0 : 2 ** (20 - i)), 0);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
	if (pattern.length !== parts.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		const expected = pattern[i];
		if (expected.startsWith(':')) {
			try {
				params[expected.slice(1)] = decodeURIComponent(parts[i]);
			} catch {
				return undefined;
			}
		} else if (expected !== parts[i]) {
			return undefined;
		}
	}
	return params;
}
