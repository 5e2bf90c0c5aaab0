/** Medians, ratios and targets of the samples, as the table `npm run bench` prints and RESULTS.md holds. */
import { median } from './lib/measure';
import type { EngineResult } from './engine';
import type { Sample } from './runner';
import type { Scenario, Variant } from './scenarios';

export interface Environment {
	cpu: string;
	cores: number;
	memoryGb: number;
	n8nVersion: string;
	n8nNode: string;
	benchNode: string;
	line: number;
	date: string;
	runs: number;
	/** 1-minute load averages seen before/after the runs. */
	load: number[];
	/** Other processes that used the CPU during the bench (name → samples seen), a rough picture of the load. */
	otherProcesses: string[];
	baselineRss?: number;
	commit: string;
}

const ms = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : `${Math.round(v).toLocaleString('en-US')} ms`);
const mb = (bytes: number | undefined) => (bytes === undefined || !Number.isFinite(bytes) ? '–' : `${(bytes / 1048576).toFixed(0)} MB`);
const times = (v: number | undefined, digits = 2) => (v === undefined || !Number.isFinite(v) ? '–' : `${v.toFixed(digits)}×`);
const int = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : Math.round(v).toLocaleString('en-US'));

export interface Summary {
	scenario: Scenario;
	variant: Variant;
	samples: Sample[];
	ok: Sample[];
	failed: Sample[];
	nodeMs: number;
	executeMs: number;
	requests: number;
	rateLimited: number;
	/** 429s as a share of all requests, the largest over the runs. */
	rateLimitedShareMax: number;
	rateLimitedMax: number;
	peakRss: number;
	/** Median of the per-run ratios node time / bound. */
	boundRatio: number;
	boundRatioMax: number;
	/** Node time / bound of every successful run, in run order. */
	boundRatios: number[];
	boundMs: number;
	/** Median of the per-run ratios (first request → node end) / (the bound counted from the first request). */
	pacingRatio: number;
	startupMs: number;
	/** Median node start → first request, in every scenario (startupMs: only where there is a bound). */
	firstRequestMs: number;
	windowsUsed: number;
	windowsNeeded: number;
	/** Where windows start at a request: the median over the runs of each run's median idle time between windows, ms. */
	windowGapMs: number;
	/** Every run's items exact (every id once, nothing else). */
	itemsExact: boolean;
	/** Every run's items complete (every id present). */
	itemsComplete: boolean;
	itemsText: string;
}

export function summarize(scenario: Scenario, variant: Variant, all: Sample[]): Summary {
	const samples = all.filter((s) => s.scenario === scenario.key && s.variant === variant);
	const ok = samples.filter((s) => s.ok);
	const failed = samples.filter((s) => !s.ok);
	const bounded = ok.filter((s) => s.bound && s.nodeMs !== undefined);
	const ratios = bounded.map((s) => s.nodeMs! / s.bound!.boundMs);
	const items = ok.map((s) => s.items!).filter(Boolean);
	const itemsExact = ok.length > 0 && items.length === ok.length && items.every((i) => i.exact);
	const itemsComplete = ok.length > 0 && items.length === ok.length && items.every((i) => i.missing === 0);
	let itemsText = '–';
	if (items.length) {
		const worst = items.reduce((a, b) => (a.missing + a.duplicates + a.unexpected >= b.missing + b.duplicates + b.unexpected ? a : b));
		itemsText = itemsExact
			? `${int(worst.expected)} of ${int(worst.expected)}, each once`
			: `${int(worst.count)} items: ${worst.missing} missing, ${worst.duplicates} repeated (worst run)`;
	}
	return {
		scenario,
		variant,
		samples,
		ok,
		failed,
		nodeMs: median(ok.map((s) => s.nodeMs ?? NaN)),
		executeMs: median(ok.map((s) => s.executeMs)),
		requests: median(ok.map((s) => s.requests.sent)),
		rateLimited: median(samples.map((s) => s.requests.rateLimited)),
		rateLimitedMax: Math.max(0, ...samples.map((s) => s.requests.rateLimited)),
		rateLimitedShareMax: Math.max(0, ...samples.map((s) => (s.requests.sent ? s.requests.rateLimited / s.requests.sent : 0))),
		peakRss: median(ok.map((s) => s.memory.peakRss)),
		boundRatio: median(ratios),
		boundRatioMax: ratios.length ? Math.max(...ratios) : NaN,
		boundRatios: ratios,
		boundMs: median(bounded.map((s) => s.bound!.boundMs)),
		pacingRatio: median(bounded.map((s) => s.bound!.pacingMs / s.bound!.pacingBoundMs)),
		startupMs: median(bounded.map((s) => s.bound!.startupMs)),
		firstRequestMs: median(ok.map((s) => s.startupMs ?? NaN)),
		windowsUsed: median(bounded.map((s) => s.bound!.windowsUsed)),
		windowsNeeded: bounded[0]?.bound?.windowsNeeded ?? NaN,
		windowGapMs: median(ok.map((s) => median(s.windowGapsMs ?? []))),
		itemsExact,
		itemsComplete,
		itemsText,
	};
}

/** A cell: the value, or why there is none when the contestant failed. */
function cell(s: Summary, value: string): string {
	const runs = s.samples.length;
	if (!s.ok.length) {
		const reason = s.failed[0]?.failure ?? 'no run';
		return `**failed** ${s.failed.length}/${runs}: ${reason.replace(/\|/g, '/')}`;
	}
	return s.failed.length ? `${value} (failed ${s.failed.length}/${runs})` : value;
}

const runList = (values: number[]) => values.map((v) => times(v)).join(', ');

function ratio(a: number, b: number): string {
	return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? times(a / b) : '–';
}

export interface Target {
	scenario: string;
	target: string;
	measured: string;
	met: boolean;
}

/**
 * The clock-aligned rate-limited export with headers before windows that start at a request were
 * learnt (bench/RESULTS.md of 2026-12-02T00:41Z, 3 runs): the median node time against the bound, the
 * pacing alone (first request → node end against its bound; 1.03×, 1.02×, 1.05× in the runs: the
 * worst is the target, it does not depend on where in a window n8n started the node), and the most
 * 429s in a run. Issue 23: no worse than this.
 */
const LIMITED_BEFORE = { boundRatio: 1.28, pacingRatio: 1.05, rateLimitedMax: 0, from: 'RESULTS.md of 2026-12-02T00:41Z' };

export function targets(summaries: Summary[]): Target[] {
	const get = (key: string, v: Variant) => summaries.find((s) => s.scenario.key === key && s.variant === v);
	const out: Target[] = [];
	/** The PG:AI node faster than the HTTP Request node in the same set-up (met too when HTTP Request failed every run). */
	const ahead = (key: string, label: string) => {
		const a = get(key, 'pgai');
		const b = get(key, 'http');
		if (!a || !b) return;
		const measured = b.ok.length ? `${ratio(a.nodeMs, b.nodeMs)} its time (${ms(a.nodeMs)} vs ${ms(b.nodeMs)})` : `HTTP Request failed every run; PG:AI ${ms(a.nodeMs)}`;
		out.push({ scenario: label, target: 'PG:AI node time < HTTP Request’s', measured, met: a.ok.length > 0 && (!b.ok.length || a.nodeMs < b.nodeMs) });
	};
	const exp = get('export', 'pgai');
	const expHttp = get('export', 'http');
	if (exp && expHttp) {
		const r = exp.nodeMs / expHttp.nodeMs;
		out.push({ scenario: 'export', target: 'PG:AI time ≤ 1.0× HTTP Request', measured: `${times(r)} (${ms(exp.nodeMs)} vs ${ms(expHttp.nodeMs)})`, met: exp.ok.length > 0 && r <= 1.0 });
		const m = exp.peakRss / expHttp.peakRss;
		out.push({ scenario: 'export', target: 'PG:AI peak RSS ≤ HTTP Request', measured: `${times(m)} (${mb(exp.peakRss)} vs ${mb(expHttp.peakRss)})`, met: exp.ok.length > 0 && m <= 1.0 });
	}
	const limited = get('limited', 'pgai');
	if (limited) {
		const label = 'rate-limited, headers, clock-aligned';
		out.push({ scenario: label, target: '≤ 1.10× the bound', measured: `${times(limited.boundRatio)} (runs: ${runList(limited.boundRatios)})`, met: limited.ok.length > 0 && limited.boundRatio <= 1.1 });
		const before = LIMITED_BEFORE;
		out.push({
			scenario: label,
			target: `no worse than before (${before.from}): ≤ ${times(before.boundRatio)} the bound, from the first request ≤ ${times(before.pacingRatio)} its bound, ≤ ${before.rateLimitedMax} 429s`,
			measured: `${times(limited.boundRatio)}; from the first request ${times(limited.pacingRatio)}; ${limited.rateLimitedMax} 429s in the worst run`,
			met: limited.ok.length > 0 && limited.boundRatio <= before.boundRatio && limited.pacingRatio <= before.pacingRatio && limited.rateLimitedMax <= before.rateLimitedMax,
		});
		out.push({ scenario: label, target: 'zero 429s', measured: `${limited.rateLimitedMax} in the worst run`, met: limited.rateLimitedMax === 0 });
		out.push({ scenario: label, target: 'every item exactly once', measured: limited.itemsText, met: limited.itemsExact });
		ahead('limited', label);
	}
	const firstRequest = get('limitedFirst', 'pgai');
	if (firstRequest) {
		const label = 'rate-limited, headers, request-aligned';
		out.push({
			scenario: label,
			target: '≤ 1.10× the bound',
			measured: `${times(firstRequest.boundRatio)} (runs: ${runList(firstRequest.boundRatios)}); ${int(firstRequest.windowsUsed)} windows (${int(firstRequest.windowsNeeded)} needed)`,
			met: firstRequest.ok.length > 0 && firstRequest.boundRatio <= 1.1,
		});
		out.push({ scenario: label, target: '≤ 1 429 per run', measured: `${firstRequest.rateLimitedMax} in the worst run`, met: firstRequest.rateLimitedMax <= 1 });
		out.push({ scenario: label, target: 'every item exactly once', measured: firstRequest.itemsText, met: firstRequest.itemsExact });
		ahead('limitedFirst', label);
	}
	for (const key of ['no429', 'noheaders']) {
		const s = get(key, 'pgai');
		if (!s) continue;
		out.push({ scenario: s.scenario.title, target: 'every item exactly once', measured: s.itemsText, met: s.itemsExact });
		out.push({ scenario: s.scenario.title, target: '≤ 1.5× the bound', measured: `${times(s.boundRatio)} (runs: ${runList(s.boundRatios)})`, met: s.ok.length > 0 && s.boundRatio <= 1.5 });
	}
	const fan = get('fanout', 'pgai');
	const floorBare = get('floor', 'http');
	if (fan) {
		// n8n prepares every input item before the first request: a start-up no longer than n8n's own for a bare declarative node meets it too
		const startupMet = floorBare !== undefined && floorBare.ok.length > 0 && fan.startupMs <= floorBare.firstRequestMs;
		const startupText = floorBare ? `; start-up ${ms(fan.startupMs)}, the bare declarative node’s (floor) ${ms(floorBare.firstRequestMs)}` : `; start-up ${ms(fan.startupMs)} (floor not run)`;
		out.push({
			scenario: 'fan-out',
			target: '≤ 1.15× the bound from the node’s start, or a start-up (node start → first request) no longer than the bare declarative node’s (floor)',
			measured: `${times(fan.boundRatio)} (runs: ${runList(fan.boundRatios)})${startupText}`,
			met: fan.ok.length > 0 && (fan.boundRatio <= 1.15 || startupMet),
		});
		out.push({ scenario: 'fan-out', target: '≤ 1% of requests answered 429', measured: `${(fan.rateLimitedShareMax * 100).toFixed(1)}% in the worst run`, met: fan.rateLimitedShareMax <= 0.01 });
		out.push({ scenario: 'fan-out', target: 'every item present', measured: fan.itemsText, met: fan.itemsComplete });
		ahead('fanout', 'fan-out');
	}
	const floorPgai = get('floor', 'pgai');
	if (floorPgai && floorBare) {
		out.push({
			scenario: 'fan-out floor',
			target: 'PG:AI node time ≤ 1.05× the bare declarative node’s (issue 19)',
			measured: `${ratio(floorPgai.nodeMs, floorBare.nodeMs)} (${ms(floorPgai.nodeMs)} vs ${ms(floorBare.nodeMs)}; start-up ${ms(floorPgai.firstRequestMs)} vs ${ms(floorBare.firstRequestMs)})`,
			met: floorPgai.ok.length > 0 && floorBare.ok.length > 0 && floorPgai.nodeMs <= 1.05 * floorBare.nodeMs,
		});
	}
	const netLimited = get('netLimited', 'pgai');
	if (netLimited) {
		const title = netLimited.scenario.title;
		out.push({ scenario: title, target: '≤ 1.10× the bound from the node’s start', measured: `${times(netLimited.boundRatio)} (runs: ${runList(netLimited.boundRatios)})`, met: netLimited.ok.length > 0 && netLimited.boundRatio <= 1.1 });
		out.push({ scenario: title, target: 'zero 429s', measured: `${netLimited.rateLimitedMax} in the worst run`, met: netLimited.rateLimitedMax === 0 });
		out.push({ scenario: title, target: 'every item exactly once', measured: netLimited.itemsText, met: netLimited.itemsExact });
	}
	const netFree = get('netFree', 'pgai');
	const netSerial = get('netSerial', 'pgai');
	if (netFree && netSerial) {
		const r = netSerial.nodeMs / netFree.nodeMs;
		out.push({ scenario: netFree.scenario.title, target: '≥ 3× faster than one page at a time', measured: `${times(r)} (${ms(netFree.nodeMs)} vs ${ms(netSerial.nodeMs)} one page at a time)`, met: netFree.ok.length > 0 && netSerial.ok.length > 0 && r >= 3 });
		out.push({ scenario: netFree.scenario.title, target: 'every item exactly once', measured: netFree.itemsText, met: netFree.itemsExact });
	}
	const netFan = get('netFanout', 'pgai');
	if (netFan) {
		const floor = get('floor', 'http');
		// the floor: n8n alone running the same items through a declarative node, the API answering at once
		const toFloor = floor ? `; ${ms(netFan.nodeMs - netFan.boundMs)} over the bound = ${ratio(netFan.nodeMs - netFan.boundMs, floor.nodeMs)} the floor (${ms(floor.nodeMs)})` : '';
		out.push({ scenario: netFan.scenario.title, target: '≤ 1.15× the bound', measured: `${times(netFan.boundRatio)} (runs: ${runList(netFan.boundRatios)})${toFloor}`, met: netFan.ok.length > 0 && netFan.boundRatio <= 1.15 });
		out.push({ scenario: netFan.scenario.title, target: 'every item present', measured: netFan.itemsText, met: netFan.itemsComplete });
	}
	return out;
}

/** Windows that start at the key's first request after the one before ended (the sandbox's windowStart 'first-request'). */
const requestAligned = (sc: Scenario) => sc.rateLimit?.windowStart === 'first-request';

function boundCell(s: Summary): string {
	return cell(s, `${ms(s.nodeMs)} = ${times(s.boundRatio)} bound (${ms(s.boundMs)})`);
}

/** The main table: one block of rows per scenario, PG:AI and HTTP Request side by side. */
export function table(summaries: Summary[], baselineRss?: number): string {
	const rows: string[][] = [];
	const byKey = new Map<string, { pgai?: Summary; http?: Summary }>();
	for (const s of summaries) byKey.set(s.scenario.key, { ...byKey.get(s.scenario.key), [s.variant]: s });
	for (const [, pair] of byKey) {
		const a = pair.pgai!;
		const b = pair.http!;
		const sc = a.scenario;
		let first = true;
		const add = (measure: string, pa: string, pb: string, r = '') => {
			rows.push([first ? `**${sc.title}**` : '', measure, pa, pb, r]);
			first = false;
		};
		if (sc.kind === 'export' || sc.kind === 'memory' || sc.kind === 'floor') {
			add(sc.kind === 'floor' ? 'node time (HTTP Request column: the bare declarative node)' : 'node time', cell(a, ms(a.nodeMs)), cell(b, ms(b.nodeMs)), ratio(a.nodeMs, b.nodeMs));
			if (sc.kind === 'floor') add('… start-up: node start → first request', cell(a, ms(a.firstRequestMs)), cell(b, ms(b.firstRequestMs)), ratio(a.firstRequestMs, b.firstRequestMs));
			add('whole `n8n execute`', cell(a, ms(a.executeMs)), cell(b, ms(b.executeMs)), ratio(a.executeMs, b.executeMs));
			add('requests sent', cell(a, int(a.requests)), cell(b, int(b.requests)), ratio(a.requests, b.requests));
			add('peak RSS of n8n', cell(a, mb(a.peakRss)), cell(b, mb(b.peakRss)), ratio(a.peakRss, b.peakRss));
			if (sc.kind === 'memory') {
				const per = (s: Summary) => (s.peakRss / (sc.expectedItems / 1000));
				const perAbove = (s: Summary) => (baselineRss ? (s.peakRss - baselineRss) / (sc.expectedItems / 1000) : NaN);
				add('peak RSS per 1,000 items', cell(a, mb(per(a))), cell(b, mb(per(b))), ratio(per(a), per(b)));
				if (baselineRss) add(`… above idle n8n (${mb(baselineRss)})`, cell(a, mb(perAbove(a))), cell(b, mb(perAbove(b))), ratio(perAbove(a), perAbove(b)));
			}
			add('items', cell(a, a.itemsText), cell(b, b.itemsText));
		} else {
			add('node time vs bound', boundCell(a), boundCell(b), ratio(a.nodeMs, b.nodeMs));
			add('… start-up: node start → first request', cell(a, ms(a.startupMs)), cell(b, ms(b.startupMs)), sc.kind === 'fanout' ? ratio(a.startupMs, b.startupMs) : '');
			add('… from the first request: × its bound', cell(a, times(a.pacingRatio)), cell(b, times(b.pacingRatio)));
			add(requestAligned(sc) ? 'windows used (needed), opened by the requests' : 'windows used (needed)', cell(a, `${int(a.windowsUsed)} (${int(a.windowsNeeded)})`), cell(b, `${int(b.windowsUsed)} (${int(b.windowsNeeded)})`));
			if (requestAligned(sc)) add('… idle between windows (median gap)', cell(a, ms(a.windowGapMs)), cell(b, ms(b.windowGapMs)));
			add('requests sent', cell(a, int(a.requests)), cell(b, int(b.requests)));
			const r429 = (s: Summary) => (sc.kind === 'fanout' ? `${int(s.rateLimited)} (max ${(s.rateLimitedShareMax * 100).toFixed(1)}%)` : `${int(s.rateLimited)} (max ${s.rateLimitedMax})`);
			add('429s received', r429(a), r429(b));
			add(sc.kind === 'fanout' ? 'items complete' : 'items exact', cell(a, a.itemsText), cell(b, b.itemsText));
		}
	}
	const header = ['scenario', 'measure (median of runs)', 'PG:AI', 'HTTP Request', 'PG:AI / HTTP'];
	return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** Every run, as measured: the medians above come from these. */
export function runsTable(samples: Sample[]): string {
	const header = ['scenario', 'contestant', 'run', 'node time', '× bound', 'start-up', 'from 1st request', 'windows', 'requests', '429s', 'items', 'peak RSS', 'load', 'in flight (most); requests per window (request-aligned windows: the gaps between them)'];
	const rows = samples.map((s) => [
		s.scenario,
		s.variant === 'pgai' ? 'PG:AI' : 'HTTP Request',
		String(s.run),
		s.ok ? ms(s.nodeMs) : `failed: ${(s.failure ?? '').replace(/\|/g, '/')}`,
		s.bound && s.nodeMs !== undefined ? times(s.nodeMs / s.bound.boundMs) : '',
		s.bound ? ms(s.bound.startupMs) : s.startupMs !== undefined ? ms(s.startupMs) : '',
		s.bound ? times(s.bound.pacingMs / s.bound.pacingBoundMs) : '',
		s.bound ? `${s.bound.windowsUsed}/${s.bound.windowsNeeded}` : '',
		int(s.requests.sent),
		int(s.requests.rateLimited),
		s.items ? (s.items.exact ? `${int(s.items.count)} exact` : `${int(s.items.count)}: ${s.items.missing} missing, ${s.items.duplicates} repeated`) : '',
		mb(s.memory.peakRss),
		`${s.load[0].toFixed(1)}→${s.load[1].toFixed(1)}`,
		s.timeline ? `${s.timeline.maxInFlight}; ${s.timeline.perWindow.join(' ')}` : s.windowGapsMs ? `gaps between windows (ms): ${s.windowGapsMs.join(' ')}` : '',
	]);
	return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export function targetTable(list: Target[]): string {
	const rows = list.map((t) => [t.scenario, t.target, t.measured, t.met ? '**met**' : '**missed**']);
	const header = ['scenario', 'target', 'measured (PG:AI)', ''];
	return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export function engineTable(engine: EngineResult): string {
	const rows = engine.layers.map((l) => [l.name.replace(/^ {2}/, '… '), ms(l.ms), `${Math.round(l.usPerRequest).toLocaleString('en-US')} µs`, l.note]);
	const header = ['layer', `${engine.pages}-page walk (median of ${engine.reps})`, 'per request', 'what it is'];
	return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** One line per scenario on what the numbers mean, from the numbers. */
export function meaning(summaries: Summary[], baselineRss?: number): string[] {
	const lines: string[] = [];
	const byKey = new Map<string, { pgai?: Summary; http?: Summary }>();
	for (const s of summaries) byKey.set(s.scenario.key, { ...byKey.get(s.scenario.key), [s.variant]: s });
	for (const [, { pgai: a, http: b }] of byKey) {
		if (!a || !b) continue;
		const sc = a.scenario;
		const httpState = b.ok.length
			? ''
			: ` The HTTP Request node failed every run (${b.failed[0]?.failure ?? 'no reason printed'}).`;
		switch (sc.kind) {
			case 'export':
				if (sc.latency) {
					lines.push(
						`- **${sc.title}** (${sc.setup}): PG:AI ${ms(a.nodeMs)}, HTTP Request + Split Out ${ms(b.nodeMs)} (${ratio(a.nodeMs, b.nodeMs)}), with ${int(a.requests)} and ${int(b.requests)} requests. ${sc.envelope === 'next' ? 'Both walk one page at a time: each page costs an answer’s latency.' : 'PG:AI keeps up to 8 pages in flight while earlier ones arrive; HTTP Request walks one page at a time.'}${httpState}`,
					);
					break;
				}
				lines.push(
					`- **${sc.title}** (${sc.setup}): PG:AI ${ms(a.nodeMs)}, HTTP Request + Split Out ${ms(b.nodeMs)} (${ratio(a.nodeMs, b.nodeMs)}), with ${int(a.requests)} and ${int(b.requests)} requests; peak RSS ${mb(a.peakRss)} vs ${mb(b.peakRss)}. Both walk the pages one after another, so the time is mostly n8n's per-request work; the HTTP Request node keeps every page as an item and Split Out copies the contacts again, PG:AI outputs the contacts once.${httpState}`,
				);
				break;
			case 'memory': {
				const per = (s: Summary) => s.peakRss / (sc.expectedItems / 1000);
				lines.push(
					`- **${sc.title}** (${sc.setup}, Return All): peak RSS ${mb(a.peakRss)} (${mb(per(a))} per 1,000 contacts) vs ${mb(b.peakRss)} (${mb(per(b))})${baselineRss ? `; an idle n8n run peaks at ${mb(baselineRss)}` : ''}. It includes n8n printing the whole run (the \`execute\` command's output), which both pay; the HTTP Request route holds each contact twice (in the page items and in Split Out's output).${httpState}`,
				);
				break;
			}
			case 'limited': {
				const windows = (s: Summary) => (requestAligned(sc) ? `, ${int(s.windowsUsed)} windows opened (${int(s.windowsNeeded)} needed), ${ms(s.windowGapMs)} idle between them (median)` : '');
				lines.push(
					`- **${sc.title}** (${sc.setup}): PG:AI ${ms(a.nodeMs)} against a bound of ${ms(a.boundMs)} (${times(a.boundRatio)}; start-up to first request ${ms(a.startupMs)}; from the first request ${times(a.pacingRatio)})${windows(a)}, ${int(a.rateLimited)} 429s, items: ${a.itemsText}. HTTP Request (${sc.httpTuning}) ${b.ok.length ? `${ms(b.nodeMs)} (${times(b.boundRatio)} bound)${windows(b)}, ${int(b.rateLimited)} 429s` : 'failed'}.${httpState}`,
				);
				break;
			}
			case 'floor':
				lines.push(
					`- **${sc.title}** (${sc.setup}): PG:AI ${ms(a.nodeMs)} (first request after ${ms(a.firstRequestMs)}), the bare declarative node ${ms(b.nodeMs)} (first request after ${ms(b.firstRequestMs)}): ${ratio(a.nodeMs, b.nodeMs)} the floor. What PG:AI spends above the floor is its own share: its hook (the record ID's read, the retry options), the client and the pacer around each request, and the one credential read per run, handed to the items in turn.${httpState}`,
				);
				break;
			case 'fanout':
				lines.push(
					`- **${sc.title}** (${sc.setup}): PG:AI ${ms(a.nodeMs)} against a bound of ${ms(a.boundMs)} (${times(a.boundRatio)}); n8n's RoutingNode prepares every input item before any request can leave (${ms(a.startupMs)} here), and from its first request on the node took ${times(a.pacingRatio)} the bound; 429s ${int(a.rateLimited)}; HTTP Request (${sc.httpTuning}) ${b.ok.length ? `${ms(b.nodeMs)} (${times(b.boundRatio)} bound, first request after ${ms(b.startupMs)}), 429s ${int(b.rateLimited)}` : 'failed'}.${httpState}`,
				);
				break;
		}
	}
	return lines;
}

export function markdown(opts: {
	env: Environment;
	summaries: Summary[];
	targetList: Target[];
	engine?: EngineResult;
	scenarios: Scenario[];
	notes?: string[];
	samples?: Sample[];
	/** the queue-mode section (bench/queue.ts) */
	queue?: string[];
}): string {
	const { env, summaries, targetList, engine, scenarios, notes = [], samples = [], queue = [] } = opts;
	const load = env.load.length ? `1-minute load average ${Math.min(...env.load).toFixed(1)}–${Math.max(...env.load).toFixed(1)} on ${env.cores} cores during the runs` : 'load not recorded';
	const met = targetList.filter((t) => t.met).length;
	return [
		'# Benchmarks: PG:AI node vs n8n’s HTTP Request node',
		'',
		'Written by `npm run bench` (bench/run.ts); not part of CI. Every scenario runs in real n8n (`n8n execute`)',
		'against the sandbox API, started fresh for every run, once with the PG:AI node and once with the HTTP Request',
		'node, A/B order alternating from run to run; the table holds medians over the runs.',
		'',
		'## Machine',
		'',
		`- CPU: ${env.cpu}, ${env.cores} cores; memory ${env.memoryGb.toFixed(0)} GB`,
		`- n8n ${env.n8nVersion} (line ${env.line}) on Node ${env.n8nNode}; bench and sandbox on Node ${env.benchNode}`,
		`- date: ${env.date}; commit ${env.commit}; ${env.runs} run${env.runs === 1 ? '' : 's'} per contestant and scenario`,
		`- load: ${load}.${env.otherProcesses.length ? ` Other processes seen using the CPU: ${env.otherProcesses.join(', ')}.` : ''} The machine is shared: times carry that noise, which is why A and B alternate.`,
		'',
		'## Results',
		'',
		table(summaries, env.baselineRss),
		'',
		'HTTP Request node set-up: Header Auth credential (x-api-key); Retry On Fail 5 tries, 5000 ms apart; lists: Pagination "Update a Parameter in Each Request", `page` = `{{ $pageCount + 1 }}`, `per_page` = 50, complete when `{{ $response.body.nextPage === null || $response.body.has_next === false }}`, followed by Split Out on `items`. ' +
			scenarios
				.filter((s) => s.kind !== 'export' && s.kind !== 'memory' && s.kind !== 'floor')
				.map((s) => `${s.title}: ${s.httpTuning}.`)
				.join(' '),
		'',
		'Bound: with fixed 1-second windows aligned to the clock, N requests at L per window must reach the ⌈N/L⌉-th window, counting the window the node started in as the first; bound = (⌈N/L⌉ − 1) · window − the node start’s offset in its window. Where each window starts at the key’s first request after the one before ended (request-aligned), the first can open no sooner than the node starts and each later one no sooner than a window after the one before: bound = (⌈N/L⌉ − 1) · window, from the node’s start and again from its first request; the windows used are the ones the sandbox opened, and the gaps between them the time no window was open. What a node spends before its first request (its start-up, n8n preparing the input items) counts against the node, not the bound; the row “from the first request” shows the pacing alone: first request → node end against the same bound counted from the first request’s window. Node time is the run data’s `executionTime` of the node (HTTP Request + Split Out for lists). Peak RSS is VmHWM of the n8n process itself (sampled from /proc every 20 ms).',
		'',
		'## Targets',
		'',
		`${met} of ${targetList.length} met.`,
		'',
		targetTable(targetList),
		'',
		'## What the numbers mean',
		'',
		...meaning(summaries, env.baselineRss),
		...(engine
			? [
					'',
					'## Where the time of one request goes (engine level)',
					'',
					`The node's own overhead with the sandbox answering at once: n8n-core ${engine.n8nCore} in-process on Node ${engine.nodeVersion} (test/engine/harness.ts), a ${engine.pages}-page walk of 50 contacts per page. The whole node: ${engine.nodeRequestsPerSecond.toFixed(0)} requests/s.`,
					'',
					engineTable(engine),
				]
			: []),
		...(queue.length ? ['', ...queue] : []),
		...(notes.length ? ['', '## Notes', '', ...notes] : []),
		...(samples.length ? ['', '## Every run', '', runsTable(samples)] : []),
		'',
	].join('\n');
}
