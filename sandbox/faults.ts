/**
 * Injected faults: the failures a client meets between it and the API (proxy pages, empty and
 * truncated bodies, resets, redirects, slow answers). Checked before auth and rate limiting; a
 * faulted request is not processed, except a delay, which is answered normally afterwards, and a
 * rule marked `processed`, whose fault replaces the answer of a request that was processed.
 */
import { STATUS_CODES, type ServerResponse } from 'node:http';
import { sendRaw } from './http';
import type { Fault, FaultRule } from './types';

interface ActiveRule {
	rule: FaultRule;
	skip: number;
	times: number;
}

export class Faults {
	private rules: ActiveRule[] = [];

	inject(rule: FaultRule): void {
		checkRule(rule);
		this.rules.push({ rule, skip: rule.skip ?? 0, times: rule.times ?? 1 });
	}

	clear(): void {
		this.rules = [];
	}

	/** The rule that fires for this request, if any; every rule it passes counts it, up to the one that fires. */
	take(method: string, path: string, query: Record<string, string | string[]> = {}, body?: unknown): FaultRule | undefined {
		for (const active of this.rules) {
			if (!matches(active.rule, method, path, query, body)) continue;
			if (active.skip > 0) {
				active.skip--;
				continue;
			}
			if (--active.times <= 0) this.rules = this.rules.filter((other) => other !== active);
			return active.rule;
		}
		return undefined;
	}
}

function matches(rule: FaultRule, method: string, path: string, query: Record<string, string | string[]>, body: unknown): boolean {
	if (rule.method && rule.method.toUpperCase() !== method) return false;
	if (rule.query && Object.entries(rule.query).some(([name, value]) => query[name] !== value)) return false;
	if (rule.body && !carries(body, rule.body)) return false;
	if (rule.path === undefined) return true;
	if (typeof rule.path === 'string') return rule.path === path;
	rule.path.lastIndex = 0;
	return rule.path.test(path);
}

function carries(body: unknown, fields: Record<string, unknown>): boolean {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
	const given = body as Record<string, unknown>;
	return Object.entries(fields).every(([name, value]) => Object.hasOwn(given, name) && JSON.stringify(given[name]) === JSON.stringify(value));
}

function isStatus(value: unknown): boolean {
	return Number.isInteger(value) && (value as number) >= 100 && (value as number) <= 599;
}

function checkRule(rule: FaultRule): void {
	const count = (value: unknown) => value === undefined || value === Infinity || (Number.isInteger(value) && (value as number) >= 0);
	if (!count(rule.skip) || !count(rule.times)) throw new Error('skip and times must be non-negative integers (times may be Infinity)');
	if (rule.query !== undefined && (typeof rule.query !== 'object' || Object.values(rule.query).some((value) => typeof value !== 'string'))) {
		throw new Error('query must map parameter names to strings');
	}
	if (rule.body !== undefined && (typeof rule.body !== 'object' || rule.body === null || Array.isArray(rule.body))) {
		throw new Error('body must map field names to values');
	}
	if (rule.processed !== undefined && typeof rule.processed !== 'boolean') throw new Error('processed must be true or false');
	if (rule.processed && (rule.fault as { type?: unknown } | undefined)?.type === 'delay') throw new Error('a delay is always processed; processed is for the other faults');
	const fault = rule.fault as Partial<Record<string, unknown>> | undefined;
	switch (fault?.type) {
		case 'status':
			if (!isStatus(fault.status)) throw new Error('status fault needs a status between 100 and 599');
			if (fault.raw !== undefined && typeof fault.raw !== 'string') throw new Error('raw must be a string');
			return;
		case 'html':
			if (!isStatus(fault.status)) throw new Error('html fault needs a status between 100 and 599');
			return;
		case 'malformedJson':
			if (fault.status !== undefined && !isStatus(fault.status)) throw new Error('malformedJson status must be between 100 and 599');
			return;
		case 'delay':
			if (!(typeof fault.ms === 'number' && fault.ms >= 0)) throw new Error('delay fault needs ms >= 0');
			return;
		case 'reset':
			return;
		case 'redirect':
			if (typeof fault.location !== 'string') throw new Error('redirect fault needs a location');
			if (fault.status !== undefined && !isStatus(fault.status)) throw new Error('redirect status must be between 100 and 599');
			return;
		default:
			throw new Error('fault.type must be one of status, malformedJson, html, delay, reset, redirect');
	}
}

/** A rule as JSON (admin endpoint): a regex arrives as {"pathRegex": "..."}, Infinity as "Infinity". */
export function faultRuleFromJson(json: unknown): FaultRule {
	if (typeof json !== 'object' || json === null) throw new Error('a fault rule must be a JSON object');
	const { pathRegex, times, ...rest } = json as Record<string, unknown>;
	const rule = { ...rest } as unknown as FaultRule;
	if (typeof pathRegex === 'string') rule.path = new RegExp(pathRegex);
	if (times !== undefined) rule.times = times === 'Infinity' || times === null ? Infinity : (times as number);
	return rule;
}

function htmlPage(status: number): string {
	const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
	return `<!DOCTYPE html>\n<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;
}

function defaultBody(status: number): unknown {
	if (status === 429) return { error: 'Rate limit exceeded' };
	return status >= 400 ? { error: STATUS_CODES[status] ?? 'Error' } : {};
}

/** Answers with a fault other than delay; returns the status written. */
export function writeFault(res: ServerResponse, fault: Exclude<Fault, { type: 'delay' }>): number {
	const json = 'application/json; charset=utf-8';
	switch (fault.type) {
		case 'status': {
			const payload = fault.raw ?? JSON.stringify(fault.body ?? defaultBody(fault.status));
			const type = fault.raw?.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : json;
			sendRaw(res, fault.status, payload, { 'content-type': type, ...fault.headers });
			return fault.status;
		}
		case 'malformedJson': {
			const status = fault.status ?? 200;
			sendRaw(res, status, '{"items": [ ', { 'content-type': json });
			return status;
		}
		case 'html':
			sendRaw(res, fault.status, htmlPage(fault.status), { 'content-type': 'text/html; charset=utf-8' });
			return fault.status;
		case 'redirect': {
			const status = fault.status ?? 302;
			sendRaw(res, status, '', { location: fault.location });
			return status;
		}
		case 'reset': {
			// Promise a whole body, send half of it, then drop the connection.
			const body = '{"items": [{"id": "00000000-0000-4000-8000-000000000000", "name": "truncated"}], "total": 1}';
			res.writeHead(200, { 'content-type': json, 'content-length': String(body.length) });
			res.write(body.slice(0, body.length >> 1), () => res.socket?.destroy());
			return 200;
		}
	}
}
