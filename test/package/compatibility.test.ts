/**
 * The oldest n8n the README claims is 1.123, which bundles n8n-workflow 1.120.0 (installed here as
 * the dev alias `n8n-workflow-v1`); the tests otherwise run against n8n-workflow 2.x. Everything the
 * shipped code takes from n8n-workflow must exist in 1.120.0, and what is missing in 2.x must be
 * read with a fallback that 2.x has.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE, packedPaths, readPackageJson, ROOT } from './helpers';
import { workflowImports, type WorkflowUse } from './workflow-imports';

/* eslint-disable @typescript-eslint/no-require-imports */
type Module = Record<string, unknown>;
const v1 = require('n8n-workflow-v1') as Module;
const v2 = require('n8n-workflow') as Module;

const OLDEST = { n8n: '1.123', workflow: '1.120.0' };

const exists = (module: Module, name: string) => {
	const [first, second] = name.split('.');
	const value = module[first];
	if (value === undefined) return false;
	return second === undefined || (value as Record<string, unknown>)[second] !== undefined;
};

const describeUse = (use: WorkflowUse) => `${use.name} (${use.file}:${use.line})`;

describe('compatibility with n8n-workflow of n8n 1.123 and 2.x', () => {
	let uses: WorkflowUse[];
	let problems: string[];

	beforeAll(() => {
		const files = packedPaths()
			.filter((path) => path.endsWith('.js'))
			.map((file) => ({ file, code: readFileSync(join(PACKAGE, file), 'utf8') }));
		({ uses, problems } = workflowImports(files));
	});

	it('tests against the n8n-workflow of the oldest n8n supported', () => {
		expect((require('n8n-workflow-v1/package.json') as { version: string }).version).toBe(OLDEST.workflow);
		expect(readPackageJson(ROOT).devDependencies?.['n8n-workflow-v1']).toBe(`npm:n8n-workflow@${OLDEST.workflow}`);
		expect((require('n8n-workflow/package.json') as { version: string }).version).toMatch(/^2\./);
	});

	it('reads n8n-workflow only in ways that can be checked', () => {
		expect(problems).toEqual([]);
		const names = new Set(uses.map((use) => use.name.split('.')[0]));
		// The node's error types, connection types and its wait: if these vanish, the parser is broken.
		expect([...names]).toEqual(expect.arrayContaining(['NodeApiError', 'NodeConnectionTypes', 'sleep', 'sleepWithAbort']));
	});

	it(`uses nothing n8n-workflow ${OLDEST.workflow} (n8n ${OLDEST.n8n}) lacks`, () => {
		expect(uses.filter((use) => !exists(v1, use.name)).map(describeUse)).toEqual([]);
	});

	it('reads whatever n8n-workflow 2.x lacks with a fallback 2.x has', () => {
		const missing = uses.filter((use) => !exists(v2, use.name));
		expect(missing.filter((use) => !use.fallback || !exists(v2, use.fallback)).map(describeUse)).toEqual([]);
		expect(missing.map((use) => `${use.name} ?? ${use.fallback}`)).toEqual(['sleepWithAbort ?? sleep']);
	});

	it(`loads every node and credential with n8n-workflow ${OLDEST.workflow}`, () => {
		const { n8n } = readPackageJson();
		const entries = [...(n8n?.nodes ?? []), ...(n8n?.credentials ?? [])];
		expect(entries.length).toBeGreaterThan(1);
		for (const entry of entries) {
			jest.isolateModules(() => {
				jest.doMock('n8n-workflow', () => v1);
				const exported = require(join(PACKAGE, entry)) as Record<string, new () => { description?: { name: string }; name?: string }>;
				const instances = Object.values(exported).map((Class) => new Class());
				expect({ entry, names: instances.map((i) => i.description?.name ?? i.name).filter(Boolean).length }).toEqual({ entry, names: 1 });
			});
			jest.dontMock('n8n-workflow');
		}
	});

	describe('the cancellable wait picks the right function', () => {
		const loadWaitWith = (module: Module) => {
			let wait: { pause: (ms: number, signal?: AbortSignal) => Promise<void> } | undefined;
			jest.isolateModules(() => {
				jest.doMock('n8n-workflow', () => module);
				wait = require('../../n8n-nodes-pgai/dist/nodes/PgAi/transport/wait.js');
			});
			jest.dontMock('n8n-workflow');
			return wait as NonNullable<typeof wait>;
		};

		/** The real module of one version, its two sleeps wrapped to see which one the node calls. */
		const spied = (real: Module) => {
			const sleep = jest.fn(real.sleep as (...args: unknown[]) => Promise<void>);
			const sleepWithAbort = real.sleepWithAbort ? jest.fn(real.sleepWithAbort as (...args: unknown[]) => Promise<void>) : undefined;
			return { module: { ...real, sleep, ...(sleepWithAbort ? { sleepWithAbort } : {}) }, sleep, sleepWithAbort };
		};

		it('n8n 1.x: sleepWithAbort, which honours the signal', async () => {
			expect(typeof v1.sleepWithAbort).toBe('function');
			const { module, sleep, sleepWithAbort } = spied(v1);
			const { pause } = loadWaitWith(module);
			const signal = new AbortController().signal;
			await pause(1, signal);
			expect(sleepWithAbort).toHaveBeenCalledWith(1, signal);
			expect(sleep).not.toHaveBeenCalled();
		});

		it('n8n 2.x: sleep, which takes the signal itself', async () => {
			expect(v2.sleepWithAbort).toBeUndefined();
			const { module, sleep } = spied(v2);
			const { pause } = loadWaitWith(module);
			const signal = new AbortController().signal;
			await pause(1, signal);
			expect(sleep).toHaveBeenCalledWith(1, signal);
		});

		const cancelledWait = (real: Module) => {
			const { pause } = loadWaitWith(real);
			const controller = new AbortController();
			const waiting = pause(30_000, controller.signal);
			controller.abort();
			return waiting;
		};
		const cancelledError = (real: Module) => real.ManualExecutionCancelledError as new () => Error;

		it.each([
			['1.x', v1],
			['2.x', v2],
		])('n8n %s: cancelling the execution ends a long wait', async (_, real) => {
			await expect(cancelledWait(real)).rejects.toThrow();
		}, 5_000);

		it('n8n 1.x: a cancelled wait fails as n8n’s ManualExecutionCancelledError', async () => {
			await expect(cancelledWait(v1)).rejects.toBeInstanceOf(cancelledError(v1));
		}, 5_000);

		// 2.x's sleep(ms, signal) itself rejects with a DOMException "AbortError"; pause() reports n8n's
		// own cancellation instead, as 1.x does, so n8n marks the execution cancelled, not failed.
		it('n8n 2.x: a cancelled wait fails as n8n’s ManualExecutionCancelledError, not as the DOMException sleep throws', async () => {
			await expect(cancelledWait(v2)).rejects.toBeInstanceOf(cancelledError(v2));
		}, 5_000);
	});

	it('the import reader fails on code it cannot check', () => {
		const { uses: found, problems: bad } = workflowImports([
			{
				file: 'bad.js',
				code: [
					'const w = require("n8n-workflow");',
					'const { NodeApiError } = require("n8n-workflow");',
					'w.NoSuchExport; w.NodeConnectionTypes.Nowhere; w["sleep"]; keep(w);',
					'const sleep = w.sleepWithAbort ?? w.sleep;',
					'require("n8n-workflow").LoggerProxy;',
				].join('\n'),
			},
		]);
		expect(found.map((use) => use.name)).toEqual([
			'NodeApiError',
			'NoSuchExport',
			'NodeConnectionTypes',
			'NodeConnectionTypes.Nowhere',
			'sleepWithAbort',
			'sleep',
			'LoggerProxy',
		]);
		expect(found.find((use) => use.name === 'sleepWithAbort')?.fallback).toBe('sleep');
		expect(bad).toEqual(['bad.js:3 reads n8n-workflow by a computed name', 'bad.js:3 uses the n8n-workflow module object itself']);
		expect(found.filter((use) => !exists(v1, use.name)).map((use) => use.name)).toEqual(['NoSuchExport', 'NodeConnectionTypes.Nowhere']);
	});
});
