/**
 * Debian's Chromium driven by playwright-core, for the e2e tests that click through n8n's editor.
 * No browser is downloaded: `.ci/run` and scripts/test-e2e.sh install the `chromium` package.
 *
 *   const browser = await openBrowser('editor-browser', LINE);   // screenshots in browser.shots
 *   await signIn(browser.page, base, DEMO_OWNER);
 *   await browser.shot('signed-in');                              // 01-signed-in.png
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT, type OwnerAccount } from '../../scripts/lib/n8n';

export const CHROMIUM = process.env.PGAI_CHROMIUM ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium's own connections are refused on a closed network
// and slow every page down.
const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

// n8n's editor marks its elements with data-test-id (playwright's default is data-testid)
selectors.setTestIdAttribute('data-test-id');

export interface Browser {
	page: Page;
	/** folder the screenshots are written to */
	shots: string;
	/** Save a screenshot of the page as NN-<name>.png in `shots`; returns its path. */
	shot(name: string): Promise<string>;
	close(): Promise<void>;
}

/** Screenshots go to test-results/<test>/line-<line>/ (or under PGAI_E2E_SCREENSHOTS), emptied first. */
export function screenshotFolder(test: string, line: number): string {
	const dir = join(process.env.PGAI_E2E_SCREENSHOTS ?? join(REPO_ROOT, 'test-results'), test, `line-${line}`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	return dir;
}

export async function openBrowser(test: string, line: number): Promise<Browser> {
	if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set PGAI_CHROMIUM)`);
	const profile = mkdtempSync(join(tmpdir(), 'pgai-chromium-'));
	const context: BrowserContext = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: ARGS,
		viewport: { width: 1400, height: 900 },
	});
	const page = context.pages()[0] ?? (await context.newPage());
	const shots = screenshotFolder(test, line);
	let count = 0;
	return {
		page,
		shots,
		async shot(name) {
			const path = join(shots, `${String(++count).padStart(2, '0')}-${name}.png`);
			await page.screenshot({ path });
			return path;
		},
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** Sign in on n8n's sign-in form, then wait for the page n8n lands on. */
export async function signIn(page: Page, base: string, owner: OwnerAccount, path = '/signin'): Promise<void> {
	await page.goto(`${base}${path}`);
	await page.locator('input[type=email]').fill(owner.email);
	await page.locator('input[type=password]').fill(owner.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}
