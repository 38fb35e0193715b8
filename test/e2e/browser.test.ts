import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { RunningPlayground } from '../../scripts/playground';
import { startTestPlayground } from '../support/playgroundSession';

/**
 * What an analyst sees: the Agents Playground page in headless Chromium, a walk started by typing,
 * the rendered card clicked. Leaves a screenshot in test-output/ for a person to look at.
 */

jest.setTimeout(60_000);

/** Debian's Chromium: no browser can be downloaded here, so CI installs the distribution's. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = path.resolve(__dirname, '..', '..', 'test-output', 'playground-undo-step-2.png');
/** The page pulls fonts and icons from Microsoft's CDN; the chat works without them, so nothing waits for them. */
const UI_TIMEOUT_MS = 15_000;

let playground: RunningPlayground | undefined;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser test needs Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium".`);
  }
  playground = await startTestPlayground();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  await page.goto(playground.url, { waitUntil: 'domcontentloaded' });
});

afterAll(async () => {
  await browser?.close();
  await playground?.stop();
});

it('shows the welcome card, starts an undo walk from the chat box and moves its card on each click', async () => {
  // Opening the page installs the bot in the personal chat, which answers with its welcome card.
  await page.getByText('AIR false positive and false negative helper').waitFor();

  await page.getByRole('textbox').first().click();
  await page.keyboard.type('undo');
  await page.keyboard.press('Enter');
  await page.getByText('Undo a remediation: check your permissions first').waitFor();

  await page.getByRole('button', { name: 'I have them, continue' }).click();
  await page.getByText('Step 1 of 7').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 2 of 7').waitFor();

  // The card moved in place: the permissions card and step 1 are gone, not left above it.
  expect(await page.getByText('Undo a remediation: check your permissions first').count()).toBe(0);
  expect(await page.getByText('Step 1 of 7').count()).toBe(0);
  await expect(page.getByText('In the navigation pane, choose').isVisible()).resolves.toBe(true);

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
});
