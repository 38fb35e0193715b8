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
} from '../../src/core/content';

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
  describe('today\'s names and links come from the domain facts', () => {
    const all = [...Object.values(ITEMS), ...Object.values(SCENARIOS)];
    it.each(all.map((g) => [g.action.todayUrl]))('%s is a portal URL the domain facts list', (url) => {
      expect(domain).toContain(url);
    });
    it.each(all.flatMap((g) => g.services.map((s) => [s.todayName])))('%s is a name the domain facts list', (name) => {
      expect(domain).toContain(name);
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
      expect(domain).toContain(BRANCHES.email.todayUrl);
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
  describeUndoProcedure();
} else {
  it.skip(`content against the article: not found in ${SOURCES} (set ARTICLE_SOURCES_DIR)`, () => undefined);
}
