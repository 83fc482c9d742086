import type { TriggerCase } from '../../../e2e/cases';

const TRIGGER = 'ChartHop Trigger';

const manager = {
	first: 'Grace',
	last: 'Hopper',
	title: 'Engineering Manager',
	department: 'Engineering',
	directs: 4,
	base: 205000,
};

const chartHopCase: TriggerCase = {
	kind: 'trigger',
	example: 'charthop-new-engineering-manager.json',
	title:
		"a new engineering manager is hired: ChartHop's filtered, custom payload becomes a welcome message",
	triggerNode: TRIGGER,
	outputNode: 'Compose Welcome Message',
	async registeredUrls({ sandboxClient }) {
		const actions = await sandboxClient.charthop.actions();
		return actions.flatMap((action) =>
			action.steps.flatMap((step) => (step.httpUrl ? [step.httpUrl] : [])),
		);
	},
	async deliver({ sandboxClient }) {
		// Neither of these matches the filter "department:engineering directs > 0": ChartHop sends nothing.
		const engineer = await sandboxClient.charthop.hire({
			first: 'Alan',
			last: 'Kay',
			department: 'Engineering',
			directs: 0,
		});
		const salesLead = await sandboxClient.charthop.hire({
			first: 'Mary',
			last: 'Kom',
			department: 'Sales',
			directs: 3,
		});
		if (engineer.deliveries.length + salesLead.deliveries.length !== 0) {
			throw new Error('ChartHop delivered a hire that does not match the filter');
		}
		const { deliveries } = await sandboxClient.charthop.hire(manager);
		if (deliveries.length !== 1 || deliveries[0].status !== 200) {
			throw new Error(
				`expected one delivery answered 200, got ${JSON.stringify(deliveries.map((d) => [d.status, d.body]))}`,
			);
		}
	},
	expected: [
		[
			{
				manager: 'Grace Hopper',
				email: 'grace.hopper@acme.example',
				subject: 'New engineering manager: Grace Hopper',
				text: 'Please welcome *Grace Hopper*, our new Engineering Manager in Engineering, leading a team of 4. Say hi at grace.hopper@acme.example!',
				chartHopEventId: expect.stringMatching(/^ev_/),
			},
		],
	],
};

export default chartHopCase;
