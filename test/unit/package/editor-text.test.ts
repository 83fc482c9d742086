/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * What the editor shows before anything runs: node subtitles (evaluated the way the editor does),
 * the codex that makes the node creator find the nodes, placeholders and notices.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
	ICredentialType,
	INode,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { ChartHopApi } from '../../../credentials/ChartHopApi.credentials';
import { CoresignalApi } from '../../../credentials/CoresignalApi.credentials';
import { CoresignalJwtApi } from '../../../credentials/CoresignalJwtApi.credentials';
import { HumanSourcingWebhookApi } from '../../../credentials/HumanSourcingWebhookApi.credentials';
import { ChartHop } from '../../../nodes/ChartHop/ChartHop.node';
import { ChartHopPollTrigger } from '../../../nodes/ChartHop/ChartHopPollTrigger.node';
import { ChartHopTrigger } from '../../../nodes/ChartHop/ChartHopTrigger.node';
import { Coresignal } from '../../../nodes/Coresignal/Coresignal.node';
import { CoresignalTrigger } from '../../../nodes/Coresignal/CoresignalTrigger.node';
import { HumanSourcingTrigger } from '../../../nodes/HumanSourcing/HumanSourcingTrigger.node';

const ROOT = join(__dirname, '..', '..', '..');

const nodeTypes: INodeType[] = [
	new Coresignal(),
	new CoresignalTrigger(),
	new ChartHop(),
	new ChartHopTrigger(),
	new ChartHopPollTrigger(),
	new HumanSourcingTrigger(),
];
const credentialTypes: ICredentialType[] = [
	new CoresignalApi(),
	new CoresignalJwtApi(),
	new ChartHopApi(),
	new HumanSourcingWebhookApi(),
];

const typeNamed = (name: string) => {
	const type = nodeTypes.find((candidate) => candidate.description.name === name);
	if (!type) throw new Error(`no node type ${name}`);
	return type;
};

const latestVersion = (description: INodeTypeDescription) =>
	description.defaultVersion ?? [description.version].flat().at(-1) ?? 1;

/** A node as the editor holds it: the given parameters plus every default. */
function editorNode(name: string, parameters: INodeParameters, typeVersion?: number): INode {
	const { description } = typeNamed(name);
	const version = typeVersion ?? latestVersion(description);
	const withDefaults = NodeHelpers.getNodeParameters(
		description.properties,
		parameters,
		true,
		false,
		{ typeVersion: version },
		description,
	);
	return {
		id: 'node',
		name: description.defaults.name ?? name,
		type: `n8n-nodes-hr-signals.${name}`,
		typeVersion: version,
		position: [0, 0],
		parameters: withDefaults ?? {},
	};
}

/** The subtitle the editor shows under the node (its getNodeSubtitle evaluates it this way). */
function subtitleOf(name: string, parameters: INodeParameters = {}, typeVersion?: number): string {
	const node = editorNode(name, parameters, typeVersion);
	const types: INodeTypes = {
		getByName: () => typeNamed(name),
		getByNameAndVersion: () => typeNamed(name),
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: types,
	});
	const subtitle = typeNamed(name).description.subtitle ?? '';
	return String(
		workflow.expression.getSimpleParameterValue(node, subtitle, 'internal', {}, undefined, ''),
	);
}

describe('node subtitles: human words, not raw parameter values', () => {
	it.each([
		[{ resource: 'event', operation: 'getAll' }, 'Get many events'],
		[{ resource: 'event', operation: 'get' }, 'Get an event'],
		[{ resource: 'cql', operation: 'evaluate' }, 'Evaluate a CQL expression'],
		[{ resource: 'action', operation: 'create' }, 'Create an automated action'],
	])('ChartHop %o reads "%s"', (parameters, expected) => {
		expect(subtitleOf('chartHop', parameters)).toBe(expected);
	});

	it.each([
		[{ resource: 'employee', operation: 'search' }, 'Search employees'],
		[{ resource: 'subscription', operation: 'renew' }, 'Renew a subscription'],
		[{ resource: 'bulkCollect', operation: 'wait' }, 'Wait for a bulk collect request'],
	])('Coresignal %o reads "%s"', (parameters, expected) => {
		expect(subtitleOf('coresignal', parameters)).toBe(expected);
	});

	it('every operation of both action nodes has a subtitle in words', () => {
		for (const name of ['chartHop', 'coresignal']) {
			const { properties } = typeNamed(name).description;
			for (const operations of properties.filter((property) => property.name === 'operation')) {
				for (const resource of operations.displayOptions?.show?.resource ?? []) {
					for (const option of operations.options ?? []) {
						if (!('value' in option)) continue;
						const subtitle = subtitleOf(name, {
							resource: resource as string,
							operation: option.value as string,
						});
						expect({ name, resource, subtitle }).toEqual({
							name,
							resource,
							subtitle: option.action,
						});
					}
				}
			}
		}
	});

	it('a new Human Sourcing Trigger reads "Candidates and jobs: created, updated, deleted"', () => {
		expect(subtitleOf('humanSourcingTrigger')).toBe(
			'Candidates and jobs: created, updated, deleted',
		);
	});

	it('a Human Sourcing Trigger on job updates reads "Jobs: updated"', () => {
		expect(subtitleOf('humanSourcingTrigger', { types: ['job'], events: ['update'] })).toBe(
			'Jobs: updated',
		);
	});

	it('a ChartHop Trigger says which event starts it', () => {
		expect(subtitleOf('chartHopTrigger')).toBe('New hire');
		expect(subtitleOf('chartHopTrigger', { triggerOn: '*' })).toBe('Any ChartHop event');
		expect(subtitleOf('chartHopTrigger', { triggerOn: '__patterns' })).toBe('Custom patterns');
	});

	it('a saved version 2 ChartHop Trigger still says how it is registered', () => {
		expect(subtitleOf('chartHopTrigger', {}, 2)).toBe('Automated action');
		expect(subtitleOf('chartHopTrigger', { registration: 'manual' }, 2)).toBe('App notifications');
	});
});

describe('the node creator finds every node of the package when searching "HR"', () => {
	const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
		name: string;
		n8n: { nodes: string[] };
	};
	const codexes = packageJson.n8n.nodes.map((built) => {
		const path = built.replace(/^dist\//, '').replace(/\.js$/, '.json');
		return JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as {
			node: string;
			categories: string[];
			subcategories?: unknown;
			alias?: string[];
		};
	});

	it('every node of the package has a codex file naming it', () => {
		expect(codexes.map((codex) => codex.node).sort()).toEqual(
			nodeTypes.map((type) => `${packageJson.name}.${type.description.name}`).sort(),
		);
	});

	// n8n has no HR category; its own HR nodes (BambooHR, Workable Trigger) are under Miscellaneous.
	it('every codex has the same categories, those of n8n’s own HR nodes', () => {
		for (const codex of codexes) {
			expect({ node: codex.node, categories: codex.categories }).toEqual({
				node: codex.node,
				categories: ['Miscellaneous'],
			});
			expect(codex.subcategories).toBeUndefined();
		}
	});

	// The node creator searches display names and codex aliases.
	it('every codex has the alias "HR"', () => {
		for (const codex of codexes) {
			expect({ node: codex.node, alias: codex.alias }).toEqual({
				node: codex.node,
				alias: expect.arrayContaining(['HR']),
			});
		}
	});
});

describe('the node creator groups a trigger under its app', () => {
	// n8n's node creator lists a trigger inside an app's entry when the trigger's type name is the app's plus
	// "Trigger" (its generateMergedNodesAndActions); one trigger per app, so the ChartHop Poll Trigger has its own entry.
	it.each([
		['coresignal', 'coresignalTrigger'],
		['chartHop', 'chartHopTrigger'],
	])('%s lists %s', (app, trigger) => {
		expect(typeNamed(trigger).description.name.replace('Trigger', '')).toBe(
			typeNamed(app).description.name,
		);
	});
});

/** Every property, with the options of collections and fixed collections. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...allProperties(
			(property.options ?? []).flatMap((option) => {
				if ('values' in option) return option.values;
				if ('displayName' in option && 'type' in option) return [option];
				return [];
			}),
		),
	]);
}

describe('placeholders', () => {
	it('every example placeholder starts with "e.g." (collection buttons say "Add …")', () => {
		const described = [
			...nodeTypes.map((type) => ({
				name: type.description.name,
				properties: type.description.properties,
			})),
			...credentialTypes.map((type) => ({ name: type.name, properties: type.properties })),
		];
		for (const { name, properties } of described) {
			for (const property of allProperties(properties)) {
				if (!property.placeholder) continue;
				const isButton = property.type === 'collection' || property.type === 'fixedCollection';
				expect({ name, property: property.name, placeholder: property.placeholder }).toEqual({
					name,
					property: property.name,
					placeholder: expect.stringMatching(isButton ? /^Add / : /^e\.g\. /),
				});
			}
		}
	});
});

describe('notices', () => {
	const { description } = typeNamed('humanSourcingTrigger');
	const noticesShown = (parameters: INodeParameters, typeVersion: number) => {
		const node = editorNode('humanSourcingTrigger', parameters, typeVersion);
		return description.properties.filter(
			(property) =>
				property.type === 'notice' &&
				NodeHelpers.displayParameter(node.parameters, property, node, description),
		);
	};

	it('a new Human Sourcing Trigger shows one notice, saying what to give Human Sourcing', () => {
		const shown = noticesShown({}, 2);

		expect(shown).toHaveLength(1);
		expect(shown[0].displayName).toMatch(
			/^Activate the workflow, then ask Human Sourcing .*\?token=/,
		);
	});

	it.each([
		[1, 'headerAuth'],
		[1, 'urlToken'],
		[1, 'none'],
		[2, 'urlSecret'],
		[2, 'headerAuth'],
		[2, 'none'],
	])(
		'a version %i Human Sourcing Trigger with %s authentication shows one notice',
		(version, authentication) => {
			expect(noticesShown({ authentication }, version)).toHaveLength(1);
		},
	);
});
