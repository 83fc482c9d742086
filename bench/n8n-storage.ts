/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * `npx tsx --expose-gc bench/n8n-storage.ts`: what n8n 2.8.4 serialises for one delivery, without starting n8n.
 * In a real n8n (bench/n8n-e2e.ts) nearly all of a trigger's extra CPU is `flatted`, which n8n
 * runs twice per execution: on the execution data when it creates the execution
 * (`ExecutionPersistence.create`: the start node's items in the node execution stack) and on the
 * run data when it saves the finished execution (`ExecutionRepository.updateExistingExecution`).
 * flatted writes every object, array and distinct string as an entry of its own, so the entries
 * per item are what a trigger's envelope costs there. This rebuilds both payloads as n8n 2.8.4 does
 * (webhook-helpers.js `prepareExecutionData`; workflow-execute.js, which gives the start node its
 * items as `{ ...item, pairedItem: { item, input } }` copies) for the trigger's real `webhook()`
 * items and for the Webhook node + Split Out on the same body, and prints entries, bytes and the
 * CPU time of flatted (min and median of interleaved rounds). Entries and bytes do not depend on
 * how busy the machine is; CPU time does, a little. A run of every case writes its rows to
 * bench/results.json (shown on docs/dev/performance.md).
 *
 *   npx tsx --expose-gc bench/n8n-storage.ts                  every case
 *   npx tsx --expose-gc bench/n8n-storage.ts --rounds 15 coresignal-100k charthop-1k
 */
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { ensureRuntime } from '../e2e/install-runtime';
import { E2E_CASES } from './n8n-e2e';
import type { Row } from './runner';
import { argValue, machineInfo, median, saveEntry } from './runner';
import type { RequestBody } from './triggers';
import { startTriggerBench, TRIGGER_LABELS } from './triggers';

type Stringify = (value: unknown) => string;

interface Stored {
	create: string;
	final: string;
}

const node = { name: 'Start', type: 'start', typeVersion: 1, position: [0, 0], parameters: {} };

/** The execution data n8n creates the execution with: the start node's items on the stack. */
function startData(items: INodeExecutionData[]) {
	return {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
			waitingExecution: {},
		},
	};
}

/** The start node's output as n8n runs it: a copy of each item, paired with itself. */
const asRun = (items: INodeExecutionData[]) =>
	items.map((item, index) => ({ ...item, pairedItem: { item: index, input: undefined } }));

function runData(nodes: Record<string, INodeExecutionData[]>) {
	const runs = Object.fromEntries(
		Object.entries(nodes).map(([name, items]) => [
			name,
			[{ startTime: 0, executionTime: 0, source: [], data: { main: [items] } }],
		]),
	);
	return {
		startData: {},
		resultData: { runData: runs },
		executionData: { contextData: {}, nodeExecutionStack: [], waitingExecution: {} },
	};
}

function storeTrigger(stringify: Stringify, items: INodeExecutionData[]): Stored {
	const create = stringify(startData(items));
	return { create, final: stringify(runData({ Trigger: asRun(items) })) };
}

/** The Webhook node's one item (the body under `body`), then Split Out's item per element. */
function storeWebhook(stringify: Stringify, text: string): Stored {
	const body = JSON.parse(text) as unknown[];
	const received: INodeExecutionData = {
		json: {
			headers: {},
			params: {},
			query: {},
			body: body as never,
			webhookUrl: '',
			executionMode: 'production',
		},
	};
	const create = stringify(startData([received]));
	const split = body.map((element) => ({
		json: { ...(element as object) },
		pairedItem: { item: 0 },
	}));
	return { create, final: stringify(runData({ Webhook: asRun([received]), 'Split Out': split })) };
}

const entries = (stored: string) => (JSON.parse(stored) as unknown[]).length;

function cpuMs(run: () => void): number {
	const before = process.cpuUsage();
	run();
	const used = process.cpuUsage(before);
	return (used.user + used.system) / 1000;
}

async function main() {
	const args = process.argv.slice(2);
	const rounds = argValue(args, '--rounds', 9);
	const names = args.filter(
		(arg, index) => !arg.startsWith('--') && args[index - 1] !== '--rounds',
	);
	const cases = E2E_CASES.filter((testCase) => !names.length || names.includes(testCase.id));
	const startedAt = new Date().toISOString();
	const machine = machineInfo();
	const rows: Row[] = [];
	const log = (line: string) => process.stdout.write(`${line}\n`);
	const runtime = await ensureRuntime(log);
	// The flatted n8n itself loads, from the pinned runtime.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { stringify } = require(join(runtime.dir, 'node_modules', 'flatted')) as {
		stringify: Stringify;
	};
	const bench = await startTriggerBench();
	try {
		for (const testCase of cases) {
			const trigger = await bench.trigger(testCase.trigger);
			const body: RequestBody = trigger.body(testCase.size);
			const text = body.bytes.toString('utf8');
			const variants = {
				trigger: async () => storeTrigger(stringify, await trigger.items(body, JSON.parse(text))),
				webhook: async () => storeWebhook(stringify, text),
			};
			const shape = {
				trigger: await variants.trigger(),
				webhook: await variants.webhook(),
			};
			const cpu: Record<string, number[]> = { trigger: [], webhook: [] };
			for (let round = 0; round < rounds; round++) {
				const order = round % 2 === 0 ? ['trigger', 'webhook'] : ['webhook', 'trigger'];
				for (const variant of order as Array<keyof typeof variants>) {
					const items =
						variant === 'trigger' ? await trigger.items(body, JSON.parse(text)) : undefined;
					(globalThis as { gc?: () => void }).gc?.();
					cpu[variant].push(
						cpuMs(() =>
							variant === 'trigger'
								? storeTrigger(stringify, items!)
								: storeWebhook(stringify, text),
						),
					);
				}
			}
			log(
				`${testCase.id} (${testCase.size.toLocaleString('en-US')} elements), as n8n 2.8.4 stores it:`,
			);
			for (const variant of ['trigger', 'webhook'] as const) {
				const { create, final } = shape[variant];
				const per = (value: number) => (value / testCase.size).toFixed(1);
				log(
					`  ${variant.padEnd(8)} entries per element ${per(entries(create))} + ${per(entries(final))}, bytes per element ${per(create.length)} + ${per(final.length)} (create + final); flatted CPU ${Math.min(...cpu[variant]).toFixed(0)} ms min, ${median(cpu[variant]).toFixed(0)} ms median`,
				);
			}
			const ratio = (pick: (stored: Stored) => number) =>
				pick(shape.trigger) / pick(shape.webhook);
			const entriesRatio = ratio((s) => entries(s.create) + entries(s.final));
			const bytesRatio = ratio((s) => s.create.length + s.final.length);
			const cpuRatio = median(cpu.trigger) / median(cpu.webhook);
			log(
				`  trigger / webhook: entries ${entriesRatio.toFixed(2)}×, bytes ${bytesRatio.toFixed(2)}×, flatted CPU ${(Math.min(...cpu.trigger) / Math.min(...cpu.webhook)).toFixed(2)}× (min), ${cpuRatio.toFixed(2)}× (median)`,
			);
			const perElement = (stored: Stored, measure: (text: string) => number) =>
				(measure(stored.create) + measure(stored.final)) / testCase.size;
			const label = `${TRIGGER_LABELS[testCase.trigger]}, ${testCase.size.toLocaleString('en-US')} elements`;
			const row = (metric: string, value: number, unit: string, text?: string): Row => ({
				benchmark: 'n8n-storage',
				case: label,
				metric,
				value,
				unit,
				...(text ? { detail: { text } } : {}),
			});
			const both = (measure: (text: string) => number) =>
				`${perElement(shape.trigger, measure).toFixed(1)} vs ${perElement(shape.webhook, measure).toFixed(1)}`;
			rows.push(
				row('flatted entries per element, trigger vs Webhook + Split Out (create + final save)', perElement(shape.trigger, entries), '', both(entries)),
				row('flatted entries, trigger / Webhook + Split Out', entriesRatio, '×'),
				row('bytes stored per element, trigger vs Webhook + Split Out (create + final save)', perElement(shape.trigger, (text) => text.length), '', both((text) => text.length)),
				row('bytes stored, trigger / Webhook + Split Out', bytesRatio, '×'),
				row(`flatted CPU, trigger / Webhook + Split Out (median of ${rounds} rounds)`, cpuRatio, '×'),
			);
		}
		log(
			`load average ${(await import('node:os'))
				.loadavg()
				.map((value) => value.toFixed(2))
				.join(' ')}`,
		);
		if (cases.length === E2E_CASES.length) {
			machine.loadAverageAtEnd = machineInfo().loadAverage;
			saveEntry({
				name: 'n8n-storage',
				title: 'What n8n 2.8.4 stores for one delivery: each trigger vs the Webhook node + Split Out',
				command: 'npx tsx --expose-gc bench/n8n-storage.ts',
				rows,
				notes: [
					"The trigger's real items and the Webhook workflow's on the same body, serialised as n8n 2.8.4 does when it creates the execution and when it saves the finished one (flatted). Entries and bytes do not depend on the machine's load; flatted's CPU time does, a little.",
				],
				startedAt,
				machine,
			});
		}
	} finally {
		await bench.close();
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
