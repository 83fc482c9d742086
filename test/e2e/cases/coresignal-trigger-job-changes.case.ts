import type { CaseContext, TriggerCase } from '../../../e2e/cases';

const TRIGGER = 'Coresignal Trigger';

async function liveSubscriptionId(ctx: CaseContext): Promise<string> {
	const url = ctx.webhookUrl(TRIGGER);
	const live = (await ctx.sandboxClient.coresignal.subscriptions()).filter(
		(s) => s.status === 'active' && s.webhookUrl.split('?')[0] === url,
	);
	if (live.length !== 1) {
		throw new Error(`expected one live Coresignal subscription for ${url}, found ${live.length}`);
	}
	return live[0].id;
}

const jobChangesCase: TriggerCase = {
	kind: 'trigger',
	example: 'coresignal-trigger-job-changes.json',
	title: 'a watched employee changes job: the collected profile becomes an HR alert',
	triggerNode: TRIGGER,
	outputNode: 'Compose HR Alert',
	async registeredUrls({ sandboxClient }) {
		return (await sandboxClient.coresignal.subscriptions())
			.filter((s) => s.status === 'active')
			.map((s) => s.webhookUrl);
	},
	async deliver(ctx) {
		const answer = await ctx.sandboxClient.coresignal.deliver(await liveSubscriptionId(ctx), {
			changes: [
				{ member_id: 100001, status: 'changed', changed_fields: ['experience', 'job_title'] },
				{ member_id: 100002, status: 'stopped_matching_query', changed_fields: null },
			],
		});
		if (answer.status !== 200) {
			throw new Error(
				`n8n answered the delivery with ${answer.status} ${JSON.stringify(answer.body)}`,
			);
		}
	},
	expected: [
		[
			{
				employeeId: '100001',
				name: expect.any(String),
				jobTitle: expect.any(String),
				changed: 'experience, job_title',
			},
		],
	],
};

export default jobChangesCase;
