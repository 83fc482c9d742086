import type { TriggerCase } from '../../../e2e/cases';
import { sandboxCredentials } from '../../../sandbox/credentials';
import { exampleDelivery } from '../../../sandbox/humansourcing/deliveries';

const { headerName, secret } = sandboxCredentials.humansourcing;
const TRIGGER = 'Human Sourcing Trigger';
const candidate = exampleDelivery('candidate.creation')[0].data;
const NAME = `${String(candidate.first_name)} ${String(candidate.last_name)}`;

/** Throws unless n8n answered the sandbox's push with `status`. */
function expectAnswer(record: { status: number; body: unknown }, status: number, what: string) {
	if (record.status !== status) {
		throw new Error(
			`${what}: n8n answered ${record.status} ${JSON.stringify(record.body)}, expected ${status}`,
		);
	}
}

const humanSourcingCase: TriggerCase = {
	kind: 'trigger',
	example: 'humansourcing-new-candidate.json',
	title: 'a new candidate becomes a recruiter message',
	triggerNode: TRIGGER,
	outputNode: 'Compose Recruiter Message',
	// Human Sourcing has no registration API: nothing to check at the vendor, so no registeredUrls.
	async deliver({ sandboxClient, webhookUrl }) {
		const url = webhookUrl(TRIGGER);

		const unsigned = await sandboxClient.humansourcing.deliver({
			url,
			examples: ['candidate.creation'],
		});
		expectAnswer(unsigned, 401, 'a push without the secret header');

		const headers = { [headerName]: secret };
		const jobsOnly = await sandboxClient.humansourcing.deliver({
			url,
			examples: ['job.creation'],
			headers,
		});
		expectAnswer(jobsOnly, 200, 'a push with only a job (filtered out, no execution)');

		const mixed = await sandboxClient.humansourcing.deliver({
			url,
			examples: ['job.update', 'candidate.creation', 'candidate.update', 'candidate.delete'],
			headers,
		});
		expectAnswer(mixed, 200, 'a push with a new candidate among other events');
	},
	expected: [
		[
			{
				candidateId: String(candidate.id),
				candidateName: NAME,
				email: candidate.email,
				job: 'Attaché(e) commercial h/f',
				consultant: 'Vanessa DURANT',
				subject: `New candidate: ${NAME}`,
				text: `*${NAME}* applied for *Attaché(e) commercial h/f*\nEmail: ${String(candidate.email)}\nFiles: 4`,
			},
		],
	],
};

export default humanSourcingCase;
