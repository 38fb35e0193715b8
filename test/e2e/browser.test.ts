import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { RunningPlayground } from '../../scripts/playground';
import { launchChromium } from '../support/chromium';
import { startTestPlayground } from '../support/playgroundSession';

/**
 * What an analyst sees: the Agents Playground page in headless Chromium, a walk started by typing,
 * the rendered card clicked. Leaves a screenshot in test-output/ for a person to look at.
 */

jest.setTimeout(60_000);

const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'test-output');
const WIDE = { width: 1400, height: 900 };
/** The page pulls fonts and icons from Microsoft's CDN; the chat works without them, so nothing waits for them. */
const UI_TIMEOUT_MS = 15_000;

let playground: RunningPlayground | undefined;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  playground = await startTestPlayground();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: WIDE });
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

  await screenshot('playground-undo-step-2');
});

/** Leaves what the analyst sees in test-output/ for a person to look at (narrow cards: narrowCards.test.ts). */
async function screenshot(name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Clicks the newest button so named and waits for `text` to appear once more than before: earlier cards may show it too. */
async function clickThenSee(buttonName: string, text: string): Promise<void> {
  const before = await page.getByText(text).count();
  await page.getByRole('button', { name: buttonName }).last().click();
  await page.getByText(text).nth(before).waitFor();
}

async function type(text: string): Promise<void> {
  await page.getByRole('textbox').first().click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

it('answers a report with today\'s Submissions tab first and one main button', async () => {
  await type('report');
  await page.getByRole('button', { name: 'URL in an email message' }).last().click();
  await page.getByRole('button', { name: 'AIR wrongly detected it (false positive)' }).last().click();
  await page.getByText('URL in an email message: AIR wrongly detected it').last().waitFor();

  await screenshot('report-answer');
  await expect(page.getByText("In today's portal").last().isVisible()).resolves.toBe(true);
  await expect(page.getByText('Open Submissions: URLs').last().isVisible()).resolves.toBe(true);
});

it('shows an undo step with today\'s button before the article\'s', async () => {
  await type('undo');
  await clickThenSee('I have them, continue', 'Step 1 of 7');
  for (let step = 2; step <= 4; step++) await clickThenSee('Next', `Step ${step} of 7`);
  await page.getByRole('button', { name: 'Email (the entity is a mailbox)' }).last().click();
  await page.getByText('The article sends you to the Office 365 Security & Compliance Center', { exact: false }).last().waitFor();
  await screenshot('undo-step-4');
});
