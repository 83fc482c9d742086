import type { INodePropertyOptions } from 'n8n-workflow';

export const CUSTOM_EVENT = '__custom';

const change = (subtype: string, label: string): INodePropertyOptions[] => [
	{ name: `${label}: New`, value: `change.create.${subtype}` },
	{ name: `${label}: Amended`, value: `change.update.${subtype}` },
	{ name: `${label}: Cancelled`, value: `change.delete.${subtype}` },
];

/** The event codes ChartHop documents (docs.charthop.com/event-notifications), plus useful wildcards. */
export const EVENT_CODE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Any Event (*)', value: '*' },
	{ name: 'Any Change (change.*)', value: 'change.*' },
	{ name: 'Any New Change (change.create.*)', value: 'change.create.*' },
	{ name: 'Any Amended Change (change.update.*)', value: 'change.update.*' },
	{ name: 'Any Cancelled Change (change.delete.*)', value: 'change.delete.*' },
	...change('hire', 'Hire'),
	...change('depart', 'Departure'),
	...change('move', 'Move or Transfer'),
	...change('create', 'Job Opened'),
	...change('update', 'Job Updated'),
	...change('delete', 'Job Removed'),
	...change('data', 'Data Collected'),
	{ name: 'Any Person Event (person.*)', value: 'person.*' },
	{ name: 'Person Created', value: 'person.create' },
	{ name: 'Person Updated', value: 'person.update' },
	{ name: 'Job Created', value: 'job.create' },
	{ name: 'Any Group Event (group.*)', value: 'group.*' },
	{ name: 'Group Created', value: 'group.create' },
	{ name: 'Group Updated', value: 'group.update' },
	{ name: 'Group Deleted', value: 'group.delete' },
	{ name: 'Any App Event (app.*)', value: 'app.*' },
	{ name: 'App Created', value: 'app.create' },
	{ name: 'App Updated', value: 'app.update' },
	{ name: 'Any User Event (user.*)', value: 'user.*' },
	{ name: 'User Created', value: 'user.create' },
	{ name: 'User Updated', value: 'user.update' },
	{
		name: 'Custom Pattern',
		value: CUSTOM_EVENT,
		description: 'Type any event code or wildcard pattern',
	},
];
