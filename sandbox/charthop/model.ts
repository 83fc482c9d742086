/* eslint-disable @n8n/community-nodes/require-node-api-error -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type { DeliveryRecord } from '../core/deliver';
import type { VendorContext } from '../core/vendor';
import { CqlError, builtInsOf, evaluate, fieldsOf, parseCql, BUILT_IN_FILTERS } from './cql';
import { globMatches, splitPattern } from './patterns';
import type { Person, PersonInput } from './people';
import { KNOWN_FIELDS, initialPeople, person } from './people';

export interface ActionStep {
	type: string;
	httpUrl?: string;
	httpMethod?: string;
	httpHeaders?: Record<string, string>;
	httpContent?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface Action {
	id: string;
	orgId: string;
	event?: string;
	filter?: string;
	cronSchedule?: string;
	description?: string;
	status: 'ACTIVE' | 'INACTIVE';
	sensitive: boolean;
	steps: ActionStep[];
	createAt: number;
	[key: string]: unknown;
}

export interface ChartHopEvent {
	id: string;
	orgId: string;
	userId: string;
	code: string;
	type: string;
	subtype?: string;
	entityType: string;
	entityId: string;
	at: number;
	fields: string[];
	personId?: string;
	jobId?: string;
	payload: Record<string, unknown>;
}

/** The app's event notification subscription (App.eventNotifyUrl / events / payload). */
export interface AppSubscription {
	eventNotifyUrl: string;
	events: string[];
	payload?: Record<string, string>;
}

export interface EmitInput {
	code: string;
	entityType?: string;
	entityId?: string;
	personId?: string;
	fields?: string[];
	payload?: Record<string, unknown>;
	at?: number;
}

export interface EmitResult {
	event: ChartHopEvent;
	deliveries: DeliveryRecord[];
}

const ORG_USER = 'u_admin_0001';

export function validateCql(expr: string): { expr: string; isValid: boolean; message?: string } {
	try {
		const node = parseCql(expr);
		const unknownField = fieldsOf(node).find(
			(field) => !KNOWN_FIELDS.some((known) => known.toLowerCase() === field.toLowerCase()),
		);
		if (unknownField) return { expr, isValid: false, message: `Unknown field: ${unknownField}` };
		const unknownFilter = builtInsOf(node).find((name) => !BUILT_IN_FILTERS.includes(name));
		if (unknownFilter)
			return { expr, isValid: false, message: `Unknown built-in filter: is:${unknownFilter}` };
		return { expr, isValid: true };
	} catch (error) {
		if (error instanceof CqlError) return { expr, isValid: false, message: error.message };
		throw error;
	}
}

export class ChartHopModel {
	actions = new Map<string, Action>();

	events: ChartHopEvent[] = [];

	people: Person[] = initialPeople();

	app: AppSubscription | undefined;

	private sequence = 0;

	constructor(
		private readonly ctx: VendorContext,
		readonly orgId: string,
	) {}

	reset(): void {
		this.actions.clear();
		this.events = [];
		this.people = initialPeople();
		this.app = undefined;
		this.sequence = 0;
	}

	now(): number {
		return this.ctx.clock.now();
	}

	nextId(prefix: string): string {
		return `${prefix}${String(++this.sequence).padStart(6, '0')}`;
	}

	findPerson(id: string): Person | undefined {
		return this.people.find((p) => p.id === id || p.jobId === id);
	}

	/** Adds a new person and emits `change.create.hire` for them. */
	async hire(input: Partial<PersonInput>): Promise<EmitResult> {
		const id = input.id ?? this.nextId('p_');
		const hired = person({
			id,
			first: input.first ?? 'New',
			last: input.last ?? 'Hire',
			title: input.title ?? 'Software Engineer',
			department: input.department ?? 'Engineering',
			directs: input.directs,
			base: input.base,
			startDate: input.startDate ?? new Date(this.ctx.clock.now()).toISOString().slice(0, 10),
			location: input.location,
			managerId: input.managerId,
		});
		this.people.push(hired);
		const changeId = this.nextId('chg_');
		return await this.emit({
			code: 'change.create.hire',
			entityType: 'change',
			entityId: changeId,
			personId: hired.id,
			fields: [],
			payload: {
				id: changeId,
				type: 'HIRE',
				personId: hired.id,
				jobId: hired.jobId,
				date: hired.startDate,
				title: hired.title,
				department: hired.department.name,
				name: hired.name,
			},
		});
	}

	/** Records an event, then runs every matching automated action and app notification. */
	async emit(input: EmitInput): Promise<EmitResult> {
		const [entity, type, subtype] = input.code.toLowerCase().split('.');
		const subject = input.personId
			? this.findPerson(input.personId)
			: this.findPerson(input.entityId ?? '');
		const event: ChartHopEvent = {
			id: this.nextId('ev_'),
			orgId: this.orgId,
			userId: ORG_USER,
			code: input.code.toLowerCase(),
			type: (type ?? '').toUpperCase(),
			subtype: subtype?.toUpperCase(),
			entityType: (input.entityType ?? entity).toUpperCase(),
			entityId: input.entityId ?? subject?.id ?? this.nextId('ent_'),
			at: input.at ?? this.ctx.clock.now(),
			fields: input.fields ?? [],
			personId: subject?.id,
			jobId: subject?.jobId,
			payload: input.payload ?? (subject ? { ...subject } : {}),
		};
		this.events.push(event);

		const deliveries: DeliveryRecord[] = [];
		for (const action of this.actions.values()) {
			if (action.status !== 'ACTIVE' || !action.event || !globMatches(action.event, event.code))
				continue;
			if (action.filter && !this.filterMatches(action.filter, subject)) continue;
			for (const step of action.steps) {
				if (step.type !== 'HTTP' || !step.httpUrl) continue;
				const body = this.notification(
					event,
					action.filter ? [action.filter] : [],
					subject,
					step.httpContent,
				);
				deliveries.push(
					await this.ctx.deliver(step.httpUrl, body, {
						source: 'charthop',
						subscriptionId: action.id,
						headers: step.httpHeaders,
					}),
				);
			}
		}

		if (this.app) {
			const matched = this.app.events
				.map(splitPattern)
				.filter(
					(p) =>
						globMatches(p.code, event.code) && (!p.filter || this.filterMatches(p.filter, subject)),
				);
			if (matched.length) {
				const filters = matched.flatMap((p) => (p.filter ? [p.filter] : []));
				const payload = event.code.startsWith('change.') ? this.app.payload : undefined;
				deliveries.push(
					await this.ctx.deliver(
						this.app.eventNotifyUrl,
						this.notification(event, filters, subject, payload),
						{
							source: 'charthop',
							subscriptionId: 'app',
						},
					),
				);
			}
		}
		return { event, deliveries };
	}

	private filterMatches(filter: string, subject: Person | undefined): boolean {
		if (!subject) return false;
		try {
			return Boolean(evaluate(parseCql(filter), subject));
		} catch {
			return false;
		}
	}

	/** The POST body: the event with `matchFilters`, and the custom payload evaluated when there is one. */
	private notification(
		event: ChartHopEvent,
		matchFilters: string[],
		subject: Person | undefined,
		customPayload: Record<string, unknown> | undefined,
	): Record<string, unknown> {
		let payload: Record<string, unknown> = event.payload;
		if (customPayload && Object.keys(customPayload).length) {
			payload = {};
			for (const [key, expr] of Object.entries(customPayload)) {
				try {
					payload[key] = subject ? (evaluate(parseCql(String(expr)), subject) ?? null) : null;
				} catch {
					payload[key] = null;
				}
			}
		}
		return {
			id: event.id,
			orgId: event.orgId,
			userId: event.userId,
			code: event.code,
			type: event.type,
			subtype: event.subtype,
			entityType: event.entityType,
			entityId: event.entityId,
			at: event.at,
			fields: event.fields,
			matchFilters,
			payload,
		};
	}
}
