import type { TriggerCase } from '../../../e2e/cases';
import { sandboxCredentials } from '../../../sandbox/credentials';
import { exampleDelivery } from '../../../sandbox/humansourcing/deliveries';

const { secret } = sandboxCredentials.humansourcing;
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
	// The example uses the node's default authentication (version 2, Secret in URL): the sandbox
	// posts the documented body with no custom header to the URL the user gives Human Sourcing,
	// the Production URL followed by ?token=<the credential's secret>.
	async deliver({ sandboxClient, webhookUrl }) {
		const url = webhookUrl(TRIGGER);
		const urlWithSecret = `${url}?token=${encodeURIComponent(secret)}`;

		const withoutSecret = await sandboxClient.humansourcing.deliver({
			url,
			examples: ['candidate.creation'],
		});
		expectAnswer(withoutSecret, 401, 'a push to the URL without ?token=');

		const jobsOnly = await sandboxClient.humansourcing.deliver({
			url: urlWithSecret,
			examples: ['job.creation'],
		});
		expectAnswer(jobsOnly, 200, 'a push with only a job (filtered out, no execution)');

		const mixed = await sandboxClient.humansourcing.deliver({
			url: urlWithSecret,
			examples: ['job.update', 'candidate.creation', 'candidate.update', 'candidate.delete'],
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
