import { collectKey } from '../../../nodes/Coresignal/actions/employee/collect.operation';
import {
	filePath,
	filesPath,
	searchPath,
	submitPath,
} from '../../../nodes/Coresignal/transport/endpoints';

describe('collectKey', () => {
	it.each([
		['125', '125'],
		['jane-doe-42', 'jane-doe-42'],
		['https://www.linkedin.com/in/jane-doe-42/', 'jane-doe-42'],
		['https://www.linkedin.com/in/jane-doe-42?trk=profile', 'jane-doe-42'],
	])('turns %s into the path segment %s', (input, key) => {
		expect(collectKey(input)).toBe(key);
	});
});

describe('Coresignal paths', () => {
	it('keeps the "/" of bulk file names and encodes the rest of each segment', () => {
		expect(filePath('v2', 'abc', 'json/part 1.json.gz')).toBe(
			'/v2/data_requests/abc/files/json/part%201.json.gz',
		);
	});

	it.each([
		[
			'v2',
			'/v2/data_requests/employee_base/id_file',
			'/v2/data_requests/r1/files',
			'/v2/employee_base/search/es_dsl/preview',
		],
		[
			'v1',
			'/v1/professional_network/clean_member/bulk_collect/id_file',
			'/v1/bulk_collect/r1/files',
			'/v1/professional_network/clean_member/search/es_dsl',
		],
	] as const)('uses the documented %s endpoints', (version, submit, files, search) => {
		expect(submitPath(version, 'employee_base', 'id_file')).toBe(submit);
		expect(filesPath(version, 'r1')).toBe(files);
		expect(searchPath(version, 'employee_base', true)).toBe(search);
	});
});
