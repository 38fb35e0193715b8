import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BRANCHES,
  Guidance,
  ITEMS,
  ITEM_IDS,
  NEXT_STEPS,
  SCENARIOS,
  SCENARIO_IDS,
  UNDO_PERMISSIONS,
  UNDO_STEPS,
  VERDICT_IDS,
} from '../../src/core/content';
import {
  ACTION_CENTER_HISTORY,
  adjustPathToday,
  ALLOW_CAUTION,
  DEVICE_AIR_CHANGE,
  INVESTIGATIONS_TODAY,
  reportPathToday,
  UNDO_ROLES_TODAY,
  UNDO_SHORT_PATH,
  UNDO_STEPS_TODAY,
} from '../../src/core/today';

/** The typed content must say what the seed article says: names, URLs, roles and step order. */

/**
 * The article and the domain facts sit beside the repository, not in it (its prose is not copied
 * here): `../shared`, or ARTICLE_SOURCES_DIR. A clone elsewhere skips these checks and says why; CI
 * must have them.
 */
const SOURCES = process.env.ARTICLE_SOURCES_DIR ?? join(__dirname, '../../../shared');
const SEED_FILE = join(SOURCES, 'seed/report-false-positives-negatives.md');
const DOMAIN_FILE = join(SOURCES, 'domain.md');
const sourcesPresent = existsSync(SEED_FILE) && existsSync(DOMAIN_FILE);
if (!sourcesPresent && process.env.CI) throw new Error(`CI needs the article and the domain facts in ${SOURCES}`);
const seed = sourcesPresent ? readFileSync(SEED_FILE, 'utf8') : '';
const domain = sourcesPresent ? readFileSync(DOMAIN_FILE, 'utf8') : '';

/** The article's table rows: `|items|service links|action link|`, by section heading. */
function tableRows(heading: string): string[][] {
  const section = seed.split(/^## /m).find((s) => s.startsWith(heading));
  if (!section) throw new Error(`seed has no section "${heading}"`);
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !line.startsWith('|--') && !line.startsWith('|Item') && !line.startsWith('|Scenario'))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

const links = (cell: string) => [...cell.matchAll(/\[([^\]]+)\]\((https:[^)]+)\)/g)].map((m) => ({ title: m[1], url: m[2] }));
const bullets = (cell: string) => cell.split('<br/>').map((s) => s.replace(/^-\s*/, '').trim()).filter((s) => s && s !== 'or');

/** Each table row lists one or more labels; each label must map to the row's services and action. */
function describeTable(heading: string, catalogue: readonly (Guidance & { label: string })[]) {
  describe(`table "${heading}"`, () => {
    const expectations = tableRows(heading).flatMap((row) => bullets(row[0]).map((label) => ({ label, row })));

    it('has every row label of the article, and no other', () => {
      expect(catalogue.map((g) => g.label).sort()).toEqual(expectations.map((e) => e.label).sort());
    });

    it.each(expectations)('$label: service and action as the article gives them', ({ label, row }) => {
      const entry = catalogue.find((g) => g.label === label)!;
      expect(entry.services.map((s) => ({ title: s.articleName, url: s.articleUrl }))).toEqual(links(row[1]));
      expect([{ title: entry.action.articleText, url: entry.action.articleUrl }]).toEqual(links(row[2]));
    });
  });
}

function describeTodaysNames() {
  describe('today\'s names come from the domain facts', () => {
    const all = [...Object.values(ITEMS), ...Object.values(SCENARIOS)];
    it.each(all.flatMap((g) => g.services.map((s) => [s.todayName])))('%s is a name the domain facts list', (name) => {
      expect(domain).toContain(name);
    });
  });
}

/** Every text and link of today's path, as the cards show them. */
function todaysTexts(): { texts: string[]; urls: string[] } {
  const paths = [
    ...ITEM_IDS.flatMap((item) => VERDICT_IDS.map((verdict) => reportPathToday(item, verdict))),
    ...SCENARIO_IDS.map((scenario) => adjustPathToday(scenario)),
  ];
  const texts = [
    ...paths.flatMap((p) => [p.where, ...p.steps, p.caution ?? '', p.permission ?? '']),
    ...UNDO_ROLES_TODAY.requirements.map((r) => r.roles),
    ...Object.values(UNDO_STEPS_TODAY),
    UNDO_SHORT_PATH,
    DEVICE_AIR_CHANGE,
    ALLOW_CAUTION,
  ];
  const urls = [...paths.map((p) => p.open.url), ACTION_CENTER_HISTORY.url, INVESTIGATIONS_TODAY.url, UNDO_ROLES_TODAY.link.url];
  return { texts, urls };
}

function describeToday() {
  describe('today\'s path comes from "Today in Microsoft Defender XDR"', () => {
    const plainDomain = domain.replace(/\*\*/g, '');
    const { texts, urls } = todaysTexts();
    const labels = [...new Set(texts.flatMap((text) => [...text.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1])))];

    it.each([...new Set(urls)].map((url) => [url]))('%s is a page the domain facts list', (url) => {
      // The Submissions page's tabs are listed as the page plus `?viewid=...`.
      const [page, query] = url.split('?');
      expect(domain).toContain(page);
      if (query) expect(domain).toContain(`\`?${query}\``);
    });

    it.each(labels.map((label) => [label]))('the portal label "%s" is one the domain facts give', (label) => {
      // The form's allow option is listed once for its three nouns: "Allow this message / file / URL".
      const allow = /^Allow this (message|file|URL)$/.test(label);
      expect(plainDomain).toContain(allow ? 'Allow this message / file / URL' : label);
    });

    it('names today\'s roles for undoing, beside the article\'s', () => {
      const roles = UNDO_ROLES_TODAY.requirements.map((r) => r.roles).join(' ');
      for (const role of ['Security Administrator', 'Search and Purge', 'Security operations \\ Security data \\ Response (manage)', 'Email & collaboration metadata (read)', 'Email & collaboration advanced actions (manage)', 'Active remediation actions']) {
        expect(roles).toContain(role);
        expect(domain).toContain(role);
      }
    });

    it('step 7 names today\'s button, Undo, where the article says Delete remediation', () => {
      expect(UNDO_STEPS[6].text).toContain('**Delete remediation**');
      expect(UNDO_STEPS_TODAY[7]).toContain('**Undo**');
      expect(domain).toContain('**Undo** in the flyout');
    });

    it('today\'s undo steps are steps of the article', () => {
      expect(Object.keys(UNDO_STEPS_TODAY).map(Number).every((step) => step >= 1 && step <= UNDO_STEPS.length)).toBe(true);
    });

    it('an allow is described only with the warning that it is for false positives', () => {
      expect(ALLOW_CAUTION).toMatch(/false positive/);
      expect(domain).toContain('Allow is only ever for a false positive');
      const allowPaths = SCENARIO_IDS.map(adjustPathToday).filter((p) => p.steps.some((step) => step.includes('**Allow**')));
      expect(allowPaths.every((p) => p.caution === ALLOW_CAUTION)).toBe(true);
    });
  });
}

function describeUndoProcedure() {
  describe('undo procedure', () => {
    const numbered = seed
      .split('## Undo a remediation action that was taken')[1]
      .split('## Next steps')[0]
      .split('\n')
      .filter((line) => /^\d\. /.test(line));

    it('has the article\'s seven steps', () => {
      expect(numbered).toHaveLength(7);
      expect(UNDO_STEPS).toHaveLength(7);
    });

    it.each(numbered.map((line, index) => [index + 1, line]))('step %i names the same UI labels in the same order', (step, line) => {
      const boldInArticle = [...String(line).matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]);
      const boldInBot = [...UNDO_STEPS[Number(step) - 1].text.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]);
      expect(boldInBot).toEqual(boldInArticle);
    });

    it('step 1 opens the security center, step 3 carries the filter tip, step 4 asks the branch', () => {
      expect(UNDO_STEPS[0].link?.url).toBe('https://security.microsoft.com');
      expect(UNDO_STEPS[2].tip).toBe('Use filters to narrow down the list of results.');
      expect(seed).toContain(UNDO_STEPS[2].tip);
      expect(UNDO_STEPS.map((s) => Boolean(s.asksBranch))).toEqual([false, false, false, true, false, false, false]);
    });

    it('step 4 branches open where the article says', () => {
      expect(seed).toContain(`open in the ${BRANCHES.email.opensIn} ([${BRANCHES.email.url}](${BRANCHES.email.url}))`);
      expect(seed).toContain(`open in the ${BRANCHES.device.opensIn} ([${BRANCHES.device.url}](${BRANCHES.device.url}))`);
    });

    it('the permissions warning names the roles of the domain facts', () => {
      const [device, email] = UNDO_PERMISSIONS.requirements;
      expect(device.roles).toMatch(/Security Administrator .* or the Active remediation actions role in Microsoft Defender ATP/);
      expect(email.roles).toMatch(/Security Administrator .* and the Search and Purge role in the Office 365 Security & Compliance Center/);
      for (const role of ['Security Administrator', 'Active remediation actions', 'Search and Purge']) expect(domain).toContain(role);
    });

    it('next steps are the article\'s three links, in order', () => {
      const titles = seed.split('## Next steps')[1].split('\n').filter((l) => l.startsWith('- ')).map((l) => l.match(/\[([^\]]+)\]/)![1]);
      expect(NEXT_STEPS.map((l) => l.title)).toEqual(titles);
      const pages = seed.split('## Next steps')[1].match(/\(([a-z-]+)\.md\)/g)!.map((p) => p.slice(1, -4));
      expect(NEXT_STEPS.map((l) => l.url.split('/').pop())).toEqual(pages);
    });
  });
}

if (sourcesPresent) {
  describeTable('Report a false positive/negative', ITEM_IDS.map((id) => ITEMS[id]));
  describeTable('Adjust an alert', SCENARIO_IDS.map((id) => SCENARIOS[id]));
  describeTodaysNames();
  describeToday();
  describeUndoProcedure();
} else {
  it.skip(`content against the article: not found in ${SOURCES} (set ARTICLE_SOURCES_DIR)`, () => undefined);
}
