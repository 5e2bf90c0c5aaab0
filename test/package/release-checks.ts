/**
 * Checks of the release pipeline: the GitHub workflows (parsed as YAML), the changelog, the licence
 * and the manifest fields npm and n8n show. Each returns the problems it finds.
 */
import type { PackageJson } from './helpers';

/* eslint-disable @typescript-eslint/no-require-imports */
// js-yaml comes with ESLint (a devDependency); the package itself depends on nothing.
const yaml = require('js-yaml') as { load: (text: string) => unknown };

export interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, unknown>;
	'working-directory'?: string;
}

export interface Workflow {
	on?: Record<string, { branches?: string[]; tags?: string[] } | null>;
	permissions?: Record<string, string>;
	jobs?: Record<string, { permissions?: Record<string, string>; 'timeout-minutes'?: number; steps?: Step[] }>;
}

export const parseWorkflow = (text: string) => yaml.load(text) as Workflow;

const steps = (workflow: Workflow) => Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);

/** Lines of the `run` steps, in order, with their step. */
const commands = (workflow: Workflow) =>
	steps(workflow).flatMap((step) =>
		(step.run ?? '')
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean)
			.map((line) => ({ line, step })),
	);

/** The problems of `lines` that must run `expected` commands in this order (each a whole line), named as `what`. */
function orderProblems(lines: string[], expected: RegExp[], what = 'no step'): string[] {
	const problems: string[] = [];
	let from = 0;
	for (const pattern of expected) {
		const at = lines.findIndex((line, index) => index >= from && pattern.test(line));
		if (at === -1) problems.push(`${what} runs ${pattern.source} (after the ones before it)`);
		else from = at + 1;
	}
	return problems;
}

const workflowLines = (workflow: Workflow) => commands(workflow).map(({ line }) => line);

function nodeProblems(workflow: Workflow, major: number): string[] {
	const setup = steps(workflow).find((step) => step.uses?.startsWith('actions/setup-node@'));
	if (!setup) return ['no actions/setup-node step'];
	const version = String(setup.with?.['node-version'] ?? '');
	return new RegExp(`^${major}(\\.x)?$`).test(version) ? [] : [`setup-node uses node-version "${version}", not ${major}`];
}

/** A cold .ci/run (both n8n lines installed, not from the cache) takes about an hour. */
const CI_MINUTES = 60;

/**
 * CI has one definition, .ci/run: the workflow runs it, and it runs install, lint, n8n's Cloud check,
 * the tests and the e2e suite, in this order.
 */
export function ciProblems(workflow: Workflow, ciRun: string): string[] {
	const problems: string[] = [];
	const triggers = Object.keys(workflow.on ?? {});
	for (const trigger of ['push', 'pull_request']) {
		if (!triggers.includes(trigger)) problems.push(`CI does not run on ${trigger}`);
	}
	if (workflow.on?.push?.branches || workflow.on?.pull_request?.branches) problems.push('CI runs only on some branches');
	if (!steps(workflow).some((step) => step.uses?.startsWith('actions/checkout@'))) problems.push('no actions/checkout step');
	problems.push(...nodeProblems(workflow, 20));
	problems.push(...orderProblems(workflowLines(workflow), [/^bash \.ci\/run$/]));
	for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
		const minutes = job['timeout-minutes'];
		if (minutes !== undefined && minutes < CI_MINUTES) problems.push(`job ${name} stops after ${minutes} minutes, before a cold .ci/run ends (about ${CI_MINUTES})`);
	}
	const scriptLines = ciRun.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
	problems.push(
		...orderProblems(
			scriptLines,
			[/^npm ci\b/, /^npm run lint$/, /^\(cd n8n-nodes-pgai && npx n8n-node cloud-support\)$/, /^npm test$/, /^bash scripts\/test-e2e\.sh 1 2$/],
			'.ci/run never',
		),
	);
	return problems;
}

/** GitHub's tag filter: `*` matches any characters but `/`. */
export const tagFilterMatches = (filter: string, tag: string) =>
	new RegExp(`^${filter.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(tag);

/** The published package's folder in the repository. */
export const PACKAGE_FOLDER = 'n8n-nodes-pgai';

export function publishProblems(workflow: Workflow): string[] {
	const problems: string[] = [];
	const triggers = Object.keys(workflow.on ?? {});
	if (triggers.join() !== 'push') problems.push(`publish runs on ${triggers.join(', ') || 'nothing'}, not only on push of a tag`);
	const tags = workflow.on?.push?.tags ?? [];
	if (workflow.on?.push?.branches) problems.push('publish also runs on branch pushes');
	if (JSON.stringify(tags) !== JSON.stringify(['v*.*.*'])) problems.push(`publish runs on tags ${JSON.stringify(tags)}, not ["v*.*.*"]`);
	else if (!tagFilterMatches(tags[0], 'v1.2.3') || tagFilterMatches(tags[0], '1.2.3')) problems.push('tag filter does not select vX.Y.Z');

	const jobs = Object.values(workflow.jobs ?? {});
	for (const [name, value] of [['id-token', 'write'], ['contents', 'read']]) {
		// A job's own permissions replace the workflow's.
		const granted = jobs.map((job) => (job.permissions ?? workflow.permissions)?.[name]);
		if (granted.length === 0 || granted.some((g) => g !== value)) problems.push(`permission ${name} is not "${value}"`);
	}

	const setup = steps(workflow).find((step) => step.uses?.startsWith('actions/setup-node@'));
	if (setup?.with?.['registry-url'] !== 'https://registry.npmjs.org') problems.push('setup-node does not set registry-url https://registry.npmjs.org');
	problems.push(...nodeProblems(workflow, 20));
	problems.push(...orderProblems(workflowLines(workflow), [/^npm ci$/, /^npm test$/, /^npm run release$/]));
	if (commands(workflow).some(({ line }) => /^npm publish\b/.test(line))) {
		problems.push('npm publish is run directly, not through n8n-node release');
	}

	// n8n-node release publishes with provenance only from GitHub Actions, in the package's folder.
	const release = commands(workflow).find(({ line }) => line === 'npm run release');
	if (release) {
		const folder = release.step['working-directory'];
		if (folder !== PACKAGE_FOLDER) problems.push(`npm run release runs in ${folder ?? 'the repository root'}, not in ${PACKAGE_FOLDER}`);
		const token = String(release.step.env?.NODE_AUTH_TOKEN ?? '');
		if (!/^\$\{\{\s*secrets\.[A-Z0-9_]+\s*\}\}$/.test(token)) problems.push('NODE_AUTH_TOKEN does not come from a secret');
	}
	const check = steps(workflow).find((step) => /GITHUB_REF_NAME/.test(step.run ?? '') && /package\.json/.test(step.run ?? ''));
	if (!check) problems.push('no step checks the tag against package.json');
	else if (check['working-directory'] !== PACKAGE_FOLDER) problems.push(`the tag is checked against the package.json of ${check['working-directory'] ?? 'the repository root'}`);
	if (!/CHANGELOG\.md/.test(check?.run ?? '')) problems.push('no step checks that CHANGELOG.md has the version');
	return problems;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/;

const compareVersions = (a: string, b: string) => {
	const [pa, pb] = [a, b].map((v) => v.split(/[-+]/)[0].split('.').map(Number));
	for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
	return 0;
};

/** Keep a Changelog: Unreleased first, then released versions newest first, none newer than package.json. */
export function changelogProblems(text: string, version: string): string[] {
	const problems: string[] = [];
	if (!/^# Changelog\s*$/m.test(text)) problems.push('no "# Changelog" title');
	if (!text.includes('keepachangelog.com')) problems.push('does not say it follows Keep a Changelog');
	if (!text.includes('semver.org')) problems.push('does not say it follows Semantic Versioning');
	const headings = [...text.matchAll(/^## (.*)$/gm)].map((match) => match[1].trim());
	if (headings[0] !== '[Unreleased]') problems.push('the first section is not "## [Unreleased]"');
	const released = headings.filter((heading) => heading !== '[Unreleased]');
	for (const heading of released) {
		const match = /^\[([^\]]+)\] - (\d{4}-\d{2}-\d{2})$/.exec(heading);
		if (!match) problems.push(`"## ${heading}" is not "## [X.Y.Z] - YYYY-MM-DD"`);
		else if (!SEMVER.test(match[1])) problems.push(`"${match[1]}" is not a semantic version`);
	}
	const versions = released.map((heading) => /^\[([^\]]+)\]/.exec(heading)?.[1] ?? '').filter((v) => SEMVER.test(v));
	for (let i = 1; i < versions.length; i++) {
		if (compareVersions(versions[i - 1], versions[i]) <= 0) problems.push(`${versions[i - 1]} is listed before ${versions[i]}`);
	}
	for (const ahead of versions.filter((v) => compareVersions(v, version) > 0)) problems.push(`${ahead} is released but package.json says ${version}`);
	for (const heading of headings) {
		const label = /^\[([^\]]+)\]/.exec(heading)?.[1];
		if (label && !new RegExp(`^\\[${label.replace(/[.]/g, '\\.')}\\]: https://`, 'm').test(text)) problems.push(`no link for [${label}]`);
	}
	const unreleased = text.split(/^## /m)[1] ?? '';
	if (!/^### (Added|Changed|Deprecated|Removed|Fixed|Security)$/m.test(unreleased)) problems.push('Unreleased has no Added/Changed/… section');
	return problems;
}

export function licenseProblems(text: string, pkg: PackageJson): string[] {
	const problems: string[] = [];
	if (pkg.license !== 'MIT') problems.push(`package.json license is ${JSON.stringify(pkg.license)}, not "MIT"`);
	if (!/^MIT License\s*$/m.test(text)) problems.push('LICENSE is not the MIT licence');
	if (!/^Copyright \(c\) 2026 n8n-nodes-pgai contributors$/m.test(text)) problems.push('LICENSE has not the copyright line');
	if (!text.includes('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND')) problems.push('LICENSE lacks the MIT warranty disclaimer');
	return problems;
}

/** The scripts n8n's scaffold (`n8n-node new`) gives a package: build, lint and release go through n8n-node. */
const N8N_NODE_SCRIPTS: Record<string, string> = {
	build: 'n8n-node build',
	dev: 'n8n-node dev',
	lint: 'n8n-node lint',
	'lint:fix': 'n8n-node lint --fix',
	release: 'n8n-node release',
	prepublishOnly: 'n8n-node prerelease',
};

export function manifestReleaseProblems(pkg: PackageJson): string[] {
	const problems: string[] = [];
	if (!SEMVER.test(pkg.version)) problems.push(`version "${pkg.version}" is not a semantic version`);
	const repository = pkg.repository as { type?: string; url?: string } | undefined;
	if (repository?.type !== 'git' || !/^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/.test(repository.url ?? '')) {
		problems.push('repository is not a git+https://github.com/… URL (npm provenance needs the GitHub repository)');
	}
	if (typeof pkg.homepage !== 'string' || !pkg.homepage.startsWith('https://')) problems.push('no homepage');
	const author = pkg.author as { name?: string; email?: string } | undefined;
	if (!author?.name || !author.email) problems.push('author needs a name and an email');
	for (const [script, command] of Object.entries(N8N_NODE_SCRIPTS)) {
		if (pkg.scripts?.[script] !== command) problems.push(`script ${script} is not "${command}"`);
	}
	if (pkg.n8n?.strict !== true) problems.push('n8n.strict is not true (not eligible for n8n Cloud verification)');
	return problems;
}
