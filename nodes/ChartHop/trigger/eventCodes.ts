import type { INodePropertyOptions } from 'n8n-workflow';

export const CUSTOM_EVENT = '__custom';

const event = (name: string, code: string, meaning?: string): INodePropertyOptions => ({
	name,
	value: code,
	description: meaning ? `${code}: ${meaning}` : code,
});

/**
 * The event codes ChartHop documents (https://docs.charthop.com/event-notifications), plus useful
 * wildcards: the common ones first, then by topic. Names are what an HR user calls the event; the
 * description shows the code ChartHop sends.
 */
export const EVENT_CODE_OPTIONS: INodePropertyOptions[] = [
	event('New Hire', 'change.create.hire'),
	event('Departure', 'change.create.depart'),
	event('Move or Transfer', 'change.create.move'),
	event('Person Updated', 'person.update'),
	event('Person Created', 'person.create'),
	event('Any Event', '*', 'every event ChartHop sends'),
	event('Any Change', 'change.*', 'every new, amended or cancelled change'),
	event('Hire Amended', 'change.update.hire'),
	event('Hire Cancelled', 'change.delete.hire'),
	event('Departure Amended', 'change.update.depart'),
	event('Departure Cancelled', 'change.delete.depart'),
	event('Move or Transfer Amended', 'change.update.move'),
	event('Move or Transfer Cancelled', 'change.delete.move'),
	event('New Job', 'change.create.create'),
	event('New Job Amended', 'change.update.create'),
	event('New Job Cancelled', 'change.delete.create'),
	event('Job Updated', 'change.create.update'),
	event('Job Update Amended', 'change.update.update'),
	event('Job Update Cancelled', 'change.delete.update'),
	event('Job Removed', 'change.create.delete'),
	event('Job Removal Amended', 'change.update.delete'),
	event('Job Removal Cancelled', 'change.delete.delete'),
	event('Data Collected', 'change.create.data'),
	event('Data Collection Amended', 'change.update.data'),
	event('Data Collection Cancelled', 'change.delete.data'),
	event('Any New Change', 'change.create.*'),
	event('Any Amended Change', 'change.update.*'),
	event('Any Cancelled Change', 'change.delete.*'),
	event('Any Person Event', 'person.*'),
	event('Job Created', 'job.create'),
	event('Any Group Event', 'group.*'),
	event('Group Created', 'group.create'),
	event('Group Updated', 'group.update'),
	event('Group Deleted', 'group.delete'),
	event('Any App Event', 'app.*'),
	event('App Created', 'app.create'),
	event('App Updated', 'app.update'),
	event('Any User Event', 'user.*'),
	event('User Created', 'user.create'),
	event('User Updated', 'user.update'),
	{
		name: 'Custom Pattern',
		value: CUSTOM_EVENT,
		description: 'Type any event code or wildcard pattern',
	},
];
