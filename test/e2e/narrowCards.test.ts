import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { renderCard } from '../../src/core/cards/render';
import { View } from '../../src/core/views';
import { allViews } from '../support/allViews';
import { incidentViewOf, renderIncidentCard } from '../../src/core/intake/incidentCard';
import { emailIncident } from '../../tools/fakeGraphAlerts';
import { launchChromium } from '../support/chromium';

/**
 * Every card on a phone held upright, drawn by Microsoft's Adaptive Cards renderer in Chromium: no
 * button title and no text is cut off. Leaves screenshots of the report
 * answer and an undo step in test-output/ for a person to look at.
 */

jest.setTimeout(60_000);

/** A phone's width, less the margins Teams mobile keeps around a card. */
const CARD_WIDTH = 340;
const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'test-output');
const RENDERER = require.resolve('adaptivecards/dist/adaptivecards.js');
/** Adaptive Cards leaves markdown to its host; markdown-it is the processor its documentation suggests. */
const MARKDOWN = require.resolve('markdown-it/dist/markdown-it.min.js');
/** Narrow clients stack a card's buttons rather than squeeze them into one row. */
const HOST_CONFIG = { actions: { actionsOrientation: 'vertical', actionAlignment: 'stretch', maxActions: 6 } };

let browser: Browser;
let page: Page;

/** What the renderer drew, measured in the page: button titles it cut off, and text wider than its box. */
interface Drawn {
  readonly clipped: string[];
  readonly overflowing: string[];
}

/** Runs in the page (this project compiles without the DOM's types): draws a card into #card and measures it. */
const DRAW_IN_PAGE = `
const markdown = window.markdownit();
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdown.render(text);
  result.didProcess = true;
};
window.drawCard = (json, hostConfig) => {
  const target = document.getElementById('card');
  target.replaceChildren();
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
  card.parse(json);
  target.appendChild(card.render());
  const clipped = [...target.querySelectorAll('button, .ac-pushButton')]
    .filter((b) => b.scrollWidth > b.clientWidth + 1)
    .map((b) => b.textContent);
  // Text pushed past its box is cut off (text blocks hide their overflow), wherever in the card it sits.
  const overflowing = [...target.querySelectorAll('*')]
    .filter((e) => e.scrollWidth > e.clientWidth + 1)
    .map((e) => (e.textContent ?? '').slice(0, 60));
  return { clipped, overflowing };
};`;

async function draw(view: View): Promise<Drawn> {
  return drawJson(renderCard(view));
}

async function drawJson(card: object): Promise<Drawn> {
  return page.evaluate(([json, hostConfig]) => (globalThis as unknown as { drawCard(j: unknown, h: unknown): Drawn }).drawCard(json, hostConfig), [card, HOST_CONFIG] as const);
}

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: CARD_WIDTH + 40, height: 900 } });
  // Hosts style the markdown of cards themselves; compact lists and paragraphs, as Teams draws them.
  await page.setContent(`<html><head><style>ul, ol { margin: 0; padding-left: 20px; box-sizing: border-box; } p { margin: 0; }</style></head><body style="margin:20px;font-family:sans-serif"><div id="card" style="width:${CARD_WIDTH}px"></div></body></html>`);
  await page.addScriptTag({ path: RENDERER });
  await page.addScriptTag({ path: MARKDOWN });
  await page.addScriptTag({ content: DRAW_IN_PAGE });
});

afterAll(async () => {
  await browser?.close();
});

it.each(allViews().map((view) => [`${view.card} ${JSON.stringify(view).slice(0, 80)}`, view] as [string, View]))(
  'card %s fits a phone: no button title or text cut off',
  async (_name, view) => {
    const drawn = await draw(view);
    expect(drawn.clipped).toEqual([]);
    expect(drawn.overflowing).toEqual([]);
  },
);

it.each<[string, View]>([
  ['report-answer-narrow', { card: 'reportAnswer', item: 'url-in-email', verdict: 'wrongly-detected' }],
  ['undo-step-7-narrow', { card: 'undoStep', walk: 'walk-1', step: 7, branch: 'email' }],
])('leaves %s.png for a person to look at', async (name, view) => {
  await draw(view);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.locator('#card').screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
});

/** The incident card intake posts (issue 26), for an email AIR soft-deleted and a file it quarantined. */
const incidentCard = (): object => {
  const incident = emailIncident(42, '2026-12-07T09:30:00Z');
  const [alert] = incident.alerts!;
  const file = { '@odata.type': '#microsoft.graph.security.fileEvidence', remediationStatus: 'prevented', verdict: 'malicious', fileDetails: { fileName: 'invoice-42.docm', sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' } };
  return renderIncidentCard(incidentViewOf('1042', { ...incident, alerts: [{ ...alert, evidence: [...alert.evidence!, file] }] }));
};

/** A card in a Teams channel on the desktop client: about this wide. */
const TEAMS_CARD_WIDTH = 520;

it('the incident card fits a phone, and leaves docs/screenshots/incident-card.png at Teams width', async () => {
  const drawn = await drawJson(incidentCard());
  expect(drawn.clipped).toEqual([]);
  expect(drawn.overflowing).toEqual([]);
  await page.setViewportSize({ width: TEAMS_CARD_WIDTH + 40, height: 900 });
  await page.evaluate((width) => ((globalThis as unknown as { document: { getElementById(id: string): { style: { width: string } } } }).document.getElementById('card').style.width = `${width}px`), TEAMS_CARD_WIDTH);
  await drawJson(incidentCard());
  await page.locator('#card').screenshot({ path: path.resolve(__dirname, '..', '..', 'docs', 'screenshots', 'incident-card.png') });
});
