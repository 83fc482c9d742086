import type { ActionCase, CaseContext } from '../../../e2e/cases';
import { matches } from '../../../sandbox/coresignal/esQuery';

/** The sandbox's engineers in Germany, lowest ids first: what Search (sorted by id) must find. */
function engineersInGermany({ sandbox }: CaseContext, count: number) {
	const { firstEmployeeId, employeeCount } = sandbox.coresignal.config();
	const query = {
		bool: {
			must: [{ match: { job_title: 'engineer' } }, { term: { location_country: 'Germany' } }],
		},
	};
	const found = [];
	for (
		let id = firstEmployeeId;
		id < firstEmployeeId + employeeCount && found.length < count;
		id++
	) {
		const employee = sandbox.coresignal.employees.byId(id);
		if (employee && matches(employee, query)) found.push(employee);
	}
	return found;
}

const searchCollectCase: ActionCase = {
	kind: 'action',
	example: 'coresignal-search-collect.json',
	title: 'search engineers in Germany, collect their profiles, and shortlist them',
	outputNode: 'Shortlist',
	async expected(ctx) {
		return engineersInGermany(ctx, 5).map((employee) => ({
			id: employee.id,
			name: employee.full_name,
			title: employee.job_title,
			city: 'Berlin',
			profile: employee.websites_professional_network,
			creditsRemaining: expect.any(Number),
		}));
	},
};

export default searchCollectCase;
