import { json } from '../core/http';
import type { Router } from '../core/router';
import type { AppSubscription, ChartHopModel, EmitInput } from './model';
import type { PersonInput } from './people';

/**
 * `/_control/charthop/…`: make things happen in the org. `POST /hire` adds a person and emits
 * `change.create.hire`; `POST /events` emits any event; `PUT /app` sets the app's event
 * notification URL and patterns (what ChartHop support would configure).
 */
export function registerControl(router: Router, model: ChartHopModel): void {
	router.post('/hire', async (req) =>
		json(200, await model.hire((req.body ?? {}) as Partial<PersonInput>)),
	);
	router.post('/events', async (req) => {
		const input = (req.body ?? {}) as EmitInput;
		if (typeof input.code !== 'string' || !input.code)
			return json(400, { error: 'code is required' });
		return json(200, await model.emit(input));
	});
	router.put('/app', (req) => {
		const app = (req.body ?? {}) as AppSubscription;
		if (typeof app.eventNotifyUrl !== 'string' || !Array.isArray(app.events)) {
			return json(400, { error: 'Give eventNotifyUrl and events' });
		}
		model.app = { eventNotifyUrl: app.eventNotifyUrl, events: app.events, payload: app.payload };
		return json(200, model.app);
	});
	router.delete('/app', () => {
		model.app = undefined;
		return json(200, { ok: true });
	});
	router.get('/actions', () => json(200, [...model.actions.values()]));
	router.get('/people', () => json(200, model.people));
}
