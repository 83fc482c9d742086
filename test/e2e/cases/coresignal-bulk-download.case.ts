import type { ActionCase } from '../../../e2e/cases';
import { matches } from '../../../sandbox/coresignal/esQuery';

const ENGINEERS_IN_GERMANY = {
	bool: { must: [{ match: { job_title: 'engineer' } }, { term: { location_country: 'Germany' } }] },
};

const bulkDownloadCase: ActionCase = {
	kind: 'action',
	example: 'coresignal-bulk-download.json',
	title: 'bulk collect engineers in Germany, wait for the file, download it as spreadsheet rows',
	outputNode: 'Spreadsheet Rows',
	async expected({ sandbox }) {
		const { firstEmployeeId, employeeCount } = sandbox.coresignal.config();
		const rows = [];
		for (
			let id = firstEmployeeId;
			id < firstEmployeeId + employeeCount && rows.length < 100;
			id++
		) {
			const employee = sandbox.coresignal.employees.byId(id);
			if (employee && matches(employee, ENGINEERS_IN_GERMANY)) {
				rows.push({
					'Employee ID': employee.id,
					Name: employee.full_name,
					'Job Title': employee.job_title,
					City: 'Berlin',
					Skills: (employee.skills as string[]).join(', '),
					'Profile URL': employee.websites_professional_network,
				});
			}
		}
		return rows;
	},
};

export default bulkDownloadCase;
