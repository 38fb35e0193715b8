import { renderCard } from '../../src/core/cards/render';
import { respond } from '../../src/core/flow/conversation';
import { RECORD_CARD_ENTRIES, recordCopyCard, recordView } from '../../src/core/cards/recordCard';
import { MAX_STORED_ENTRIES, parseEntries, plainName, RecordEntry, withEntry } from '../../src/core/recordEntry';
import { relativeTime } from '../../src/core/cards/recordText';
import { recordEntries } from '../support/allViews';
import { buttonsOf, Json, textOf } from '../../tools/cardReader';

// Microsoft's own Adaptive Cards library, loaded as its Node build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

const NOW = Date.UTC(2026, 11, 1, 19, 30);
const deps = { newWalkId: () => 'walk-1' };
const MAX_CARD_BYTES = 28 * 1024;

function validationEvents(card: Json): unknown[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  return [...[...Array(context.eventCount).keys()].map((i) => context.getEventAt(i)), ...parsed.validateProperties().validationEvents];
}

describe('what finishes something', () => {
  it('a report answer, with its item and verdict', () => {
    const result = respond({ flow: 'report', item: 'email-attachment' }, { kind: 'action', action: { verb: 'report.verdict', item: 'email-attachment', verdict: 'missed' } }, deps);
    expect(result.finished).toEqual({ kind: 'report', item: 'email-attachment', verdict: 'missed' });
  });

  it('an adjust answer, with its scenario', () => {
    const result = respond({ flow: 'adjust' }, { kind: 'action', action: { verb: 'adjust.scenario', scenario: 'inaccurate-alert' } }, deps);
    expect(result.finished).toEqual({ kind: 'adjust', scenario: 'inaccurate-alert' });
  });

  it('an undo walk-through that reached its end, with its branch', () => {
    const result = respond({ flow: 'undo', walk: 'w', step: 7, branch: 'email' }, { kind: 'action', action: { verb: 'undo.next', walk: 'w', step: 7 } }, deps);
    expect(result.view.card).toBe('undoDone');
    expect(result.finished).toEqual({ kind: 'undo', branch: 'email' });
  });

  it('a cancelled undo walk-through, at the step it stopped', () => {
    expect(respond({ flow: 'undo', walk: 'w', step: 3 }, { kind: 'text', text: 'cancel' }, deps).finished).toEqual({ kind: 'undoCancelled', step: 3 });
  });

  it('nothing else: questions, steps, a cancel with nothing running, help', () => {
    expect(respond(undefined, { kind: 'text', text: 'report' }, deps).finished).toBeUndefined();
    expect(respond({ flow: 'undo', walk: 'w', step: 2 }, { kind: 'action', action: { verb: 'undo.next', walk: 'w', step: 2 } }, deps).finished).toBeUndefined();
    expect(respond({ flow: 'report' }, { kind: 'text', text: 'cancel' }, deps).finished).toBeUndefined();
    expect(respond(undefined, { kind: 'text', text: 'record' }, deps).finished).toBeUndefined();
  });
});

describe('entries', () => {
  const entry = (at: number, id = '29:a'): RecordEntry => ({ at, by: { id, name: 'A' }, finished: { kind: 'report', item: 'email-message', verdict: 'missed' } });

  it('are kept newest first, and a repeat of the same answer by the same analyst within a minute is one entry', () => {
    let entries = withEntry([], entry(NOW));
    entries = withEntry(entries, entry(NOW + 10_000));
    expect(entries).toHaveLength(1);
    entries = withEntry(entries, entry(NOW + 5_000, '29:b'));
    entries = withEntry(entries, entry(NOW + 120_000));
    expect(entries.map((e) => e.at)).toEqual([NOW + 120_000, NOW + 5_000, NOW]);
  });

  it(`keep at most ${MAX_STORED_ENTRIES} in storage`, () => {
    const many = recordEntries(MAX_STORED_ENTRIES);
    expect(withEntry(many, entry(NOW + 1))).toHaveLength(MAX_STORED_ENTRIES);
  });

  it('read back from storage keep only checked fields and drop what does not fit', () => {
    const fits: RecordEntry = {
      at: NOW,
      by: { id: '29:a', name: 'Alice Analyst' },
      finished: { kind: 'adjust', scenario: 'legitimate-use', context: { evidence: [{ kind: 'url', display: 'hxxps://contoso[.]example/a' }], references: [{ kind: 'incident', id: '42' }] } },
    };
    const stored = [
      { ...fits, extra: 'x', finished: { ...fits.finished, extra: 'y' } },
      { at: NOW, by: { id: '29:x', name: 'X' }, finished: { kind: 'report', item: 'not-an-item', verdict: 'missed' } },
      { at: NOW, by: { id: '29:y', name: '<script>Y</script>' }, finished: { kind: 'undoCancelled', step: 3 } },
      'junk',
    ];
    const parsed = parseEntries(stored);
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toEqual(fits);
    expect(parsed[1].by.name).toBe('scriptYscript');
  });

  it('names are plain words', () => {
    expect(plainName('[x](https://evil.example) **Eve**')).toBe('xhttpsevil[.]example Eve');
    expect(plainName('')).toBe('An analyst');
  });

  it('say how long ago, in words', () => {
    expect(relativeTime(NOW - 30_000, NOW)).toBe('just now');
    expect(relativeTime(NOW - 5 * 60_000, NOW)).toBe('5 min ago');
    expect(relativeTime(NOW - 3 * 3_600_000, NOW)).toBe('3 h ago');
    expect(relativeTime(NOW - 50 * 3_600_000, NOW)).toBe('2 days ago');
  });
});

describe.each([1, 15, 16])('the record card with %i entries', (count) => {
  const card = renderCard(recordView('thread', recordEntries(count), NOW)) as unknown as Json;
  const text = textOf(card);

  it('is valid at 1.5 with Microsoft\'s validator, and stays under 28 KB', () => {
    expect(validationEvents(card)).toEqual([]);
    const bytes = Buffer.byteLength(JSON.stringify(card));
    console.log(`record card, ${count} entries: ${bytes} bytes`);
    expect(bytes).toBeLessThan(MAX_CARD_BYTES);
  });

  it(`shows at most the newest ${RECORD_CARD_ENTRIES}, newest first, and says how many there are`, () => {
    const shown = Math.min(count, RECORD_CARD_ENTRIES);
    expect(text.match(/\*\*Analyst \d+ W+\*\*/g)).toHaveLength(shown);
    expect(text.indexOf('**Analyst 0 ')).toBeLessThanOrEqual(text.indexOf(`**Analyst ${shown - 1} `));
    expect(text).toContain(`${count} ${count === 1 ? 'thing' : 'things'} finished in this thread`);
    if (count > RECORD_CARD_ENTRIES) expect(text).toContain(`Showing the newest ${RECORD_CARD_ENTRIES}; **Copy for the ticket** has all ${count}.`);
    else expect(text).not.toContain('Showing the newest');
  });

  it('says who, when (UTC and relative), what about, the verdict and the outcome', () => {
    expect(text).toContain('**Analyst 0 WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW**, 2026-12-01 19:30 UTC (just now)');
    expect(text).toContain('Reported to Microsoft: URL in an Office file');
    expect(text).toContain('AIR wrongly detected it (false positive)');
    expect(text).toContain('Submit in Microsoft Defender for Office 365: **Submissions** page, **URLs** tab');
    expect(text).toContain('About: Incident: 2972395; Alert: da637551227677560813\\_-961444813');
    expect(text).toContain('hxxps[://]aaaa');
    expect(buttonsOf(card).map((b) => [b.type, b.title])).toEqual([['Action.Submit', 'Copy for the ticket']]);
  });
});

describe('the copy for the ticket', () => {
  it('is every entry as plain text in a valid 1.5 card', () => {
    const card = recordCopyCard('thread', recordEntries(16), NOW) as unknown as Json;
    expect(validationEvents(card)).toEqual([]);
    const plain = String((card.body as Json[])[1].value);
    expect(plain.match(/^- 2026-12-01 \d\d:\d\d UTC, Analyst \d+/gm)).toHaveLength(16);
    expect(plain).toContain('Submit in Microsoft Defender for Office 365: Submissions page, URLs tab');
    expect(plain).toContain('Alert: da637551227677560813_-961444813');
    expect(plain).not.toMatch(/\*\*|\\_/);
  });
});
