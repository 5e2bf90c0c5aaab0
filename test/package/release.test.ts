/**
 * The release pipeline: CI on every push and pull request, publishing with provenance on a version
 * tag, a Keep a Changelog file, the MIT licence and the manifest fields npm's provenance and n8n's
 * listing rely on. The last block proves each check can fail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE, readPackageJson, ROOT } from './helpers';
import {
	changelogProblems,
	ciProblems,
	licenseProblems,
	manifestReleaseProblems,
	parseWorkflow,
	publishProblems,
} from './release-checks';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const readPackageFile = (path: string) => readFileSync(join(PACKAGE, path), 'utf8');

describe('the release pipeline', () => {
	const pkg = readPackageJson();

	it('runs CI on pushes and pull requests: Node 20, .ci/run (npm ci, lint, Cloud check, test, e2e), time enough for it', () => {
		expect(ciProblems(parseWorkflow(read('.github/workflows/ci.yml')), read('.ci/run'))).toEqual([]);
	});

	it('publishes on a vX.Y.Z tag after the tests, through n8n-node release in the package folder, from a secret token', () => {
		expect(publishProblems(parseWorkflow(read('.github/workflows/publish.yml')))).toEqual([]);
	});

	it('keeps a changelog in Keep a Changelog form, not ahead of package.json', () => {
		expect(changelogProblems(readPackageFile('CHANGELOG.md'), pkg.version)).toEqual([]);
	});

	it('is MIT licensed', () => {
		expect(licenseProblems(readPackageFile('LICENSE'), pkg)).toEqual([]);
	});

	it('has the manifest fields provenance and n8n need, strict mode and the scripts of n8n’s scaffold', () => {
		expect(manifestReleaseProblems(pkg)).toEqual([]);
	});
});

describe('the release checks fail on a bad pipeline', () => {
	it('names the problems of a CI workflow', () => {
		const workflow = parseWorkflow(`
on:
  push:
    branches: [main]
jobs:
  test:
    timeout-minutes: 20
    steps:
      - uses: actions/setup-node@v4
        with: { node-version: 18 }
      - run: npm ci
      - run: npm run lint
      - run: npm test
`);
		const ciRun = ['#!/usr/bin/env bash', 'npm ci', 'npm test', 'npm run lint', '# bash scripts/test-e2e.sh 1 2'].join('\n');
		expect(ciProblems(workflow, ciRun)).toEqual([
			'CI does not run on pull_request',
			'CI runs only on some branches',
			'no actions/checkout step',
			'setup-node uses node-version "18", not 20',
			'no step runs ^bash \\.ci\\/run$ (after the ones before it)',
			'job test stops after 20 minutes, before a cold .ci/run ends (about 60)',
			'.ci/run never runs ^\\(cd n8n-nodes-pgai && npx n8n-node cloud-support\\)$ (after the ones before it)',
			'.ci/run never runs ^npm test$ (after the ones before it)',
			'.ci/run never runs ^bash scripts\\/test-e2e\\.sh 1 2$ (after the ones before it)',
		]);
	});

	it('names the problems of a publish workflow', () => {
		const workflow = parseWorkflow(`
on:
  push:
    branches: [main]
    tags: ['*']
  workflow_dispatch:
permissions:
  contents: write
jobs:
  publish:
    steps:
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - run: npm ci
      - run: npm publish --access public
      - run: npm test
      - run: npm run release
        env:
          NODE_AUTH_TOKEN: npm_0123456789abcdef
      - run: |
          [ "v$(node -p "require('./package.json').version")" = "$GITHUB_REF_NAME" ]
`);
		expect(publishProblems(workflow)).toEqual([
			'publish runs on push, workflow_dispatch, not only on push of a tag',
			'publish also runs on branch pushes',
			'publish runs on tags ["*"], not ["v*.*.*"]',
			'permission id-token is not "write"',
			'permission contents is not "read"',
			'setup-node does not set registry-url https://registry.npmjs.org',
			'npm publish is run directly, not through n8n-node release',
			'npm run release runs in the repository root, not in n8n-nodes-pgai',
			'NODE_AUTH_TOKEN does not come from a secret',
			'the tag is checked against the package.json of the repository root',
			'no step checks that CHANGELOG.md has the version',
		]);
	});

	it('names the problems of a changelog, a licence and a manifest', () => {
		const changelog = [
			'# Changes',
			'## [0.2.0] - 2026-01-02',
			'## [Unreleased]',
			'- things',
			'## [0.3.0] - 2026-02-01',
			'## 0.1 - yesterday',
			'[0.2.0]: https://example.com',
		].join('\n');
		expect(changelogProblems(changelog, '0.2.0')).toEqual([
			'no "# Changelog" title',
			'does not say it follows Keep a Changelog',
			'does not say it follows Semantic Versioning',
			'the first section is not "## [Unreleased]"',
			'"## 0.1 - yesterday" is not "## [X.Y.Z] - YYYY-MM-DD"',
			'0.2.0 is listed before 0.3.0',
			'0.3.0 is released but package.json says 0.2.0',
			'no link for [Unreleased]',
			'no link for [0.3.0]',
			'Unreleased has no Added/Changed/… section',
		]);
		const pkg = { ...readPackageJson(), license: 'ISC' };
		expect(licenseProblems('ISC License\n\nCopyright (c) someone', pkg)).toEqual([
			'package.json license is "ISC", not "MIT"',
			'LICENSE is not the MIT licence',
			'LICENSE has not the copyright line',
			'LICENSE lacks the MIT warranty disclaimer',
		]);
		expect(
			manifestReleaseProblems({
				...pkg,
				version: '1.0',
				repository: 'github:someone/something',
				homepage: undefined,
				author: 'someone',
				scripts: { ...pkg.scripts, build: 'tsc', prepublishOnly: 'npm run build' },
				n8n: { ...pkg.n8n, strict: false },
			}),
		).toEqual([
			'version "1.0" is not a semantic version',
			'repository is not a git+https://github.com/… URL (npm provenance needs the GitHub repository)',
			'no homepage',
			'author needs a name and an email',
			'script build is not "n8n-node build"',
			'script prepublishOnly is not "n8n-node prerelease"',
			'n8n.strict is not true (not eligible for n8n Cloud verification)',
		]);
	});
});
