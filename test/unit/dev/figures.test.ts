/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { replaceBlock } from '../../../dev/figures';

const root = join(__dirname, '..', '..', '..');

describe('figures blocks', () => {
	it('replaces only the text between a block’s markers', () => {
		const page = 'before\n<!-- x:figures -->\nold\nlines\n<!-- /x:figures -->\nafter\n';

		expect(replaceBlock(page, 'x', 'new')).toBe(
			'before\n<!-- x:figures -->\nnew\n<!-- /x:figures -->\nafter\n',
		);
	});

	it('names the page and the markers when the block is missing', () => {
		expect(() =>
			replaceBlock('<!-- /x:figures -->\n<!-- x:figures -->', 'x', '', 'README.md'),
		).toThrow('README.md has no <!-- x:figures --> … <!-- /x:figures --> block');
	});

	// A writer runs at the end of a long run; a marker lost in an edit should fail here, in seconds.
	it.each([
		['README.md', 'matrix'],
		['docs/dev/reliability.md', 'reliability'],
		['docs/dev/reliability.md', 'reliability-e2e'],
		['docs/running-at-scale.md', 'queue'],
		['docs/dev/performance.md', 'bench'],
	])('%s keeps the markers of its %s figures', (page, name) => {
		const text = readFileSync(join(root, page), 'utf8');

		expect(() => replaceBlock(text, name, '', page)).not.toThrow();
	});
});
