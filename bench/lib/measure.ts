/** What is computed from one run: the rate-limit bound, the request log, the items. */
import type { N8nRun } from '../../scripts/lib/n8n';
import type { RateWindow as OpenedWindow, RecordedRequest } from '../../sandbox/types';

export function median(values: number[]): number {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (!sorted.length) return NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface RateWindow {
	limit: number;
	windowMs: number;
}

export interface Bound {
	/** Windows the needed requests must span at least: ceil(needed / limit). */
	windowsNeeded: number;
	/** Windows the requests of this run actually spanned (first to last request). */
	windowsUsed: number;
	/** Node start → its first request, as measured (part of the node's time, not of the bound). */
	startupMs: number;
	/** Position of the node's start in its window, ms (0 where windows start at a request: the node's first one could open one at its start). */
	startOffsetMs: number;
	/**
	 * The least time the node could have taken: from its start to the opening of the last window the
	 * needed requests must reach, counting the window the node started in as the first,
	 * (windowsNeeded − 1) · windowMs − startOffsetMs.
	 */
	boundMs: number;
	/**
	 * The same bound counted from the node's first request instead of its start (the first request's
	 * window as the first): what the pacing alone could have done once the node began sending.
	 */
	pacingBoundMs: number;
	/** Node's first request → node end. */
	pacingMs: number;
}

/**
 * The lower bound the limit allows for `needed` requests: with fixed windows aligned to the clock and
 * the node starting at offset p of window w, the last needed request can be sent at the earliest when
 * window w + ceil(needed/limit) − 1 opens. Whatever the node spends before its first request
 * (n8n preparing the items, the node's own start-up) counts against the node, not the bound.
 */
export function windowBound(requests: RecordedRequest[], nodeStart: number, nodeEnd: number, needed: number, rate: RateWindow): Bound | undefined {
	if (!requests.length) return undefined;
	const first = requests[0].at;
	const last = requests[requests.length - 1].at;
	const startWindow = Math.floor(nodeStart / rate.windowMs);
	const firstWindow = Math.floor(first / rate.windowMs);
	const windowsNeeded = Math.ceil(needed / rate.limit);
	return {
		windowsNeeded,
		windowsUsed: Math.floor(last / rate.windowMs) - firstWindow + 1,
		startupMs: Math.max(0, first - nodeStart),
		startOffsetMs: nodeStart - startWindow * rate.windowMs,
		boundMs: (startWindow + windowsNeeded - 1) * rate.windowMs - nodeStart,
		pacingBoundMs: (firstWindow + windowsNeeded - 1) * rate.windowMs - first,
		pacingMs: nodeEnd - first,
	};
}

/**
 * The same bound where every window starts at the key's first request after the one before ended
 * (the sandbox's windowStart 'first-request'): the last of ceil(needed/limit) windows opens
 * (windowsNeeded − 1) · windowMs after the first one at the earliest, and the first one can open no
 * sooner than the node starts, so the bound is that from the node's start and again from its first
 * request. The windows used are the ones the sandbox opened (`windows`, one key's, in order).
 */
export function openedWindowBound(requests: RecordedRequest[], windows: OpenedWindow[], nodeStart: number, nodeEnd: number, needed: number, rate: RateWindow): Bound | undefined {
	if (!requests.length) return undefined;
	const first = requests[0].at;
	const windowsNeeded = Math.ceil(needed / rate.limit);
	const boundMs = (windowsNeeded - 1) * rate.windowMs;
	return {
		windowsNeeded,
		windowsUsed: windows.length,
		startupMs: Math.max(0, first - nodeStart),
		startOffsetMs: 0,
		boundMs,
		pacingBoundMs: boundMs,
		pacingMs: nodeEnd - first,
	};
}

/**
 * Idle time between windows that start at a request: each window's start less the end of the one
 * before, ms, in order (one fewer than the windows). What a client loses to not knowing the exact end
 * (a reset in whole seconds is up to a second late) shows here.
 */
export function windowGaps(windows: OpenedWindow[]): number[] {
	return windows.slice(1).map((w, i) => w.start - windows[i].end);
}

/** Requests in flight over the run: how many left in each window, and the most on their way at once. */
export interface Timeline {
	/** Requests the sandbox received in each window, from the node start's window on. */
	perWindow: number[];
	/** The most requests received and not yet answered at any arrival. */
	maxInFlight: number;
}

export function timeline(requests: RecordedRequest[], nodeStart: number, windowMs: number): Timeline {
	const startWindow = Math.floor(nodeStart / windowMs);
	const perWindow: number[] = [];
	for (const r of requests) {
		const index = Math.floor(r.at / windowMs) - startWindow;
		while (perWindow.length <= index) perWindow.push(0);
		if (index >= 0) perWindow[index]++;
	}
	let maxInFlight = 0;
	for (const r of requests) {
		const open = requests.filter((o) => o.at <= r.at && (o.answeredAt === undefined || o.answeredAt > r.at)).length;
		maxInFlight = Math.max(maxInFlight, open);
	}
	return { perWindow, maxInFlight };
}

export interface RequestStats {
	sent: number;
	rateLimited: number;
	otherErrors: number;
	firstAt?: number;
	lastAt?: number;
}

export function requestStats(requests: RecordedRequest[]): RequestStats {
	return {
		sent: requests.length,
		rateLimited: requests.filter((r) => r.status === 429).length,
		otherErrors: requests.filter((r) => r.status >= 400 && r.status !== 429).length,
		firstAt: requests[0]?.at,
		lastAt: requests[requests.length - 1]?.at,
	};
}

export interface ItemCheck {
	count: number;
	expected: number;
	missing: number;
	duplicates: number;
	unexpected: number;
	/** Every expected id exactly once, nothing else. */
	exact: boolean;
}

export function checkIds(ids: unknown[], expected: string[]): ItemCheck {
	const want = new Set(expected);
	const seen = new Map<unknown, number>();
	for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
	let duplicates = 0;
	let unexpected = 0;
	for (const [id, n] of seen) {
		if (n > 1) duplicates += n - 1;
		if (!want.has(id as string)) unexpected += n;
	}
	const missing = expected.filter((id) => !seen.has(id)).length;
	return { count: ids.length, expected: expected.length, missing, duplicates, unexpected, exact: missing === 0 && duplicates === 0 && unexpected === 0 };
}

/** Start of the first and end of the last of `nodes` in the run (their first run each), and the sum of their times. */
export function nodeTiming(run: N8nRun, nodes: string[]): { startTime: number; executionMs: number } | undefined {
	const tasks = nodes.map((n) => run.data.runData?.[n]?.[0]);
	if (tasks.some((t) => !t)) return undefined;
	return {
		startTime: tasks[0]!.startTime,
		executionMs: tasks.reduce((sum, t) => sum + (t!.executionTime ?? 0), 0),
	};
}
