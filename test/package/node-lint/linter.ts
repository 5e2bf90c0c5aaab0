/**
 * n8n's node lint on the built descriptions: the nodes and credentials the manifest registers are
 * loaded from dist/, written out as literal TypeScript (./literal.ts) into a temporary copy of the
 * package's layout, and linted by ./run-eslint.mjs with the package's eslint.config.mjs.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import type { ICredentialType, INodeTypeDescription } from 'n8n-workflow';

import { PACKAGE, readPackageJson, ROOT } from '../helpers';
import { credentialSource, nodeSource, type LiteralSource } from './literal';

export interface BuiltNode {
	/** The source file the manifest's dist entry comes from, e.g. nodes/PgAi/PgAi.node.ts. */
	file: string;
	className: string;
	description: INodeTypeDescription;
}

export interface BuiltCredential {
	file: string;
	className: string;
	credential: ICredentialType;
}

export interface Built {
	nodes: BuiltNode[];
	credentials: BuiltCredential[];
}

/** dist/nodes/X/Y.node.js → nodes/X/Y.node.ts, as n8n's rules map the manifest to sources. */
const sourceOf = (distEntry: string) => distEntry.replace(/^dist\//, '').replace(/\.js$/, '.ts');

/** The exported class of a built module whose instance passes `is`, with its name. */
function loadClass<T>(distEntry: string, is: (instance: Record<string, unknown>) => boolean): { className: string; instance: T } {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exports = require(join(PACKAGE, distEntry)) as Record<string, unknown>;
	for (const [className, exported] of Object.entries(exports)) {
		if (typeof exported !== 'function') continue;
		const instance = new (exported as new () => Record<string, unknown>)();
		if (is(instance)) return { className, instance: instance as T };
	}
	throw new Error(`${distEntry} exports no ${is.name}`);
}

/** Every node and credential package.json registers, built (run `npm run build` first). */
export function loadBuilt(): Built {
	const n8n = readPackageJson().n8n ?? {};
	const isNode = (instance: Record<string, unknown>) => typeof instance.description === 'object';
	const isCredential = (instance: Record<string, unknown>) => typeof instance.name === 'string' && Array.isArray(instance.properties);
	return {
		nodes: (n8n.nodes ?? []).map((entry) => {
			const { className, instance } = loadClass<{ description: INodeTypeDescription }>(entry, isNode);
			return { file: sourceOf(entry), className, description: instance.description };
		}),
		credentials: (n8n.credentials ?? []).map((entry) => {
			const { className, instance } = loadClass<ICredentialType>(entry, isCredential);
			return { file: sourceOf(entry), className, credential: instance };
		}),
	};
}

/**
 * A deep copy of plain objects and arrays that keeps functions and class instances' prototypes (a
 * credential's authenticate lives on its class), for planting defects without touching the
 * loaded modules.
 */
export function copyOf<T>(value: T): T {
	if (Array.isArray(value)) return value.map((element) => copyOf(element)) as T;
	if (typeof value !== 'object' || value === null) return value;
	const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
	for (const [key, field] of Object.entries(value)) copy[key] = copyOf(field);
	return copy as T;
}

export interface Tree {
	dir: string;
	/** Generated file (relative to dir) → its source's line map. */
	sources: Map<string, LiteralSource>;
	cleanup: () => void;
}

/** Files of the package that are neither sources nor build output nor installed: icons, codex, manifest. */
function copyStatic(from: string, to: string) {
	for (const entry of readdirSync(from, { withFileTypes: true })) {
		if (['node_modules', 'dist'].includes(entry.name)) continue;
		const source = join(from, entry.name);
		const target = join(to, entry.name);
		if (entry.isDirectory()) {
			copyStatic(source, target);
		} else if (entry.isFile() && !entry.name.endsWith('.ts')) {
			mkdirSync(to, { recursive: true });
			copyFileSync(source, target);
		}
	}
}

/**
 * A temporary folder laid out like the package: its package.json, icons and other static files,
 * node_modules linked to the workspace's (for import resolution), and each built node and
 * credential as a literal source at the path its hand-written source has.
 */
export function writeTree(built: Built): Tree {
	const dir = mkdtempSync(join(tmpdir(), 'pgai-node-lint-'));
	copyStatic(PACKAGE, dir);
	symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
	const sources = new Map<string, LiteralSource>();
	const write = (file: string, literal: LiteralSource) => {
		mkdirSync(join(dir, dirname(file)), { recursive: true });
		writeFileSync(join(dir, file), literal.source);
		sources.set(file, literal);
	};
	for (const node of built.nodes) write(node.file, nodeSource(node.className, node.description));
	for (const credential of built.credentials) write(credential.file, credentialSource(credential.className, credential.credential));
	return { dir, sources, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Finding {
	file: string;
	/** null for a parse error. */
	rule: string | null;
	severity: 'error' | 'warning';
	message: string;
	line: number;
	/** Where in the description the finding's line came from. */
	where: string;
}

export interface LintResult {
	findings: Finding[];
	/** Generated file → the rules that were on for it. */
	rules: Map<string, string[]>;
}

interface RunnerReport {
	eslint: string;
	configs: Record<string, string[]>;
	folders: Array<{
		folder: string;
		files: Array<{
			file: string;
			rules: string[];
			messages: Array<{ ruleId: string | null; severity: number; message: string; line: number; column: number }>;
		}>;
	}>;
}

export interface LintRun {
	/** The version of the eslint that linted. */
	eslint: string;
	/**
	 * The rules of the configs n8n's config is made of, by config: 'n8n-nodes-base/nodes',
	 * 'n8n-nodes-base/credentials', '@n8n/community-nodes/recommended'.
	 */
	configs: Record<string, string[]>;
	/** One per tree, in order. */
	results: LintResult[];
}

/** Lints the trees in one run of ./run-eslint.mjs. */
export function lintTrees(trees: Tree[]): LintRun {
	const env: NodeJS.ProcessEnv = { ...process.env };
	delete env.NODE_ENV;
	const out = execFileSync(process.execPath, [join(__dirname, 'run-eslint.mjs'), PACKAGE, ...trees.map((tree) => tree.dir)], {
		cwd: ROOT,
		env,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	const { eslint, configs, folders } = JSON.parse(out) as RunnerReport;
	const results = trees.map((tree, index) => {
		const report = folders[index];
		if (relative(report.folder, tree.dir) !== '') throw new Error(`run-eslint.mjs answered for ${report.folder}, not ${tree.dir}`);
		return {
			rules: new Map(report.files.map(({ file, rules }) => [file, rules])),
			findings: report.files.flatMap(({ file, messages }) =>
				messages.map((message) => ({
					file,
					rule: message.ruleId,
					severity: message.severity === 2 ? ('error' as const) : ('warning' as const),
					message: message.message,
					line: message.line,
					where: tree.sources.get(file)?.where(message.line) ?? '',
				})),
			),
		};
	});
	return { eslint, configs, results };
}

/** One finding per line: file:line, rule, message, and the description path it is about. */
export const formatFindings = (findings: Finding[]) =>
	findings
		.map((f) => `${f.file}:${f.line} ${f.severity} ${f.rule ?? '(parse error)'}: ${f.message}\n    at ${f.where || '(file)'}`)
		.join('\n');
