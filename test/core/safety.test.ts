import { ITEM_IDS, ItemId, SCENARIO_IDS, VERDICT_IDS } from '../../src/core/content';
import { recogniseEvidence, type Proposal } from '../../src/core/evidence';
import { allowOffered, allowPermitted, type Judgement, safeProposal } from '../../src/core/safety';
import { HELD_OUT_PHRASINGS } from './evidence/heldOutPhrasings';
import { PHRASINGS } from './evidence/phrasings';
import { label } from './evidence/quality';

/** The safety rule: an allow of any kind only for what the analyst says was wrongly detected. */

const JUDGEMENTS: readonly Judgement[] = ['missed', 'wrongly-detected', undefined];
const PROPOSALS: readonly Proposal[] = [
  ...ITEM_IDS.flatMap((item): Proposal[] => [{ flow: 'report', item }, ...VERDICT_IDS.map((verdict): Proposal => ({ flow: 'report', item, verdict }))]),
  ...SCENARIO_IDS.map((scenario): Proposal => ({ flow: 'adjust', scenario })),
  { flow: 'undo' },
];
const offersAllow = (p: Proposal): boolean => allowOffered(p) !== undefined;
const choicesFor = (text: string): Proposal[] => {
  const { proposal, alternatives } = recogniseEvidence(text);
  return proposal ? [proposal, ...alternatives] : [];
};

describe('the allows an answer leads to', () => {
  it.each<[Proposal, string | undefined]>([
    [{ flow: 'adjust', scenario: 'malware-on-device' }, 'allow-indicator'],
    [{ flow: 'adjust', scenario: 'legitimate-use' }, undefined],
    [{ flow: 'adjust', scenario: 'inaccurate-alert' }, undefined],
    [{ flow: 'report', item: 'url-in-email', verdict: 'wrongly-detected' }, 'tenant-allow-entry'],
    [{ flow: 'report', item: 'email-message', verdict: 'wrongly-detected' }, 'tenant-allow-entry'],
    [{ flow: 'report', item: 'url-in-email', verdict: 'missed' }, undefined],
    [{ flow: 'report', item: 'url-in-email' }, undefined],
    [{ flow: 'report', item: 'file-on-device', verdict: 'wrongly-detected' }, undefined],
    [{ flow: 'undo' }, undefined],
  ])('%j -> %s', (proposal, allow) => {
    expect(allowOffered(proposal)).toBe(allow);
  });

  it('is permitted for a false positive only', () => {
    expect(JUDGEMENTS.filter(allowPermitted)).toEqual(['wrongly-detected']);
  });
});

describe('safeProposal', () => {
  it.each<[string, Proposal, Judgement, ItemId, Proposal]>([
    ['a missed file on a device: report it as missed', { flow: 'adjust', scenario: 'malware-on-device' }, 'missed', 'file-on-device', { flow: 'report', item: 'file-on-device', verdict: 'missed' }],
    ['a missed URL: report it as a threat', { flow: 'adjust', scenario: 'malware-on-device' }, 'missed', 'url-in-email', { flow: 'report', item: 'url-in-email', verdict: 'missed' }],
    ['an unknown verdict: ask it first', { flow: 'adjust', scenario: 'malware-on-device' }, undefined, 'file-on-device', { flow: 'report', item: 'file-on-device' }],
    ['a false positive keeps its allow', { flow: 'adjust', scenario: 'malware-on-device' }, 'wrongly-detected', 'file-on-device', { flow: 'adjust', scenario: 'malware-on-device' }],
    ['a clean verdict the analyst never gave is not kept', { flow: 'report', item: 'url-in-email', verdict: 'wrongly-detected' }, undefined, 'url-in-email', { flow: 'report', item: 'url-in-email' }],
    ['the walk-through is never touched', { flow: 'undo' }, 'missed', 'file-on-device', { flow: 'undo' }],
  ])('%s', (_name, proposal, judgement, item, safe) => {
    expect(safeProposal(proposal, judgement, item)).toEqual(safe);
  });

  // Every proposal, for every judgement and every item it may turn into: the whole table.
  const table = PROPOSALS.flatMap((proposal) =>
    JUDGEMENTS.flatMap((judgement) => ITEM_IDS.map((item) => [label(proposal), String(judgement), item, proposal, judgement] as const)),
  );

  it('covers a table of 285 rows', () => {
    expect(table).toHaveLength(285);
  });

  it.each(table)('%s, judged %s, about a %s: an allow only for a false positive; anything without one unchanged', (_l, _j, item, proposal, judgement) => {
    const safe = safeProposal(proposal, judgement, item);
    if (offersAllow(safe)) expect(judgement).toBe('wrongly-detected');
    if (!offersAllow(proposal)) expect(safe).toEqual(proposal);
  });
});

describe('what the recogniser proposes', () => {
  const phrasings = [...PHRASINGS, ...HELD_OUT_PHRASINGS];
  const neverAllow = phrasings.filter(({ expected }) => expected?.flow === 'report' && expected.verdict !== 'wrongly-detected');

  it('has at least 30 phrasings of missed threats and unknown verdicts', () => {
    expect(neverAllow.length).toBeGreaterThanOrEqual(30);
  });

  it.each(neverAllow.map((p) => [p.text]))('"%s" never reaches an allow, as proposal or alternative', (text) => {
    expect(choicesFor(text).filter(offersAllow)).toEqual([]);
  });

  // Missed threats written with every wording that might tempt an allow: none may get one.
  const ITEMS = ['hxxp://evil[.]example/payload.exe', 'evil.exe', '10.1.2.3', 'evil[.]com', '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae'];
  const MISSED = ['was not blocked', 'got through', "wasn't detected", 'AIR missed it', 'should have been blocked', 'false negative'];
  const REQUESTS = ['', 'please allow it', 'add an allow indicator', 'whitelist it', 'add an exclusion', 'stop blocking it', 'create an indicator', 'keeps coming back, tune it'];
  const PLACES = ['on LAPTOP-42', 'on our endpoints', ''];
  const messages = ITEMS.flatMap((item) => MISSED.flatMap((missed) => REQUESTS.flatMap((request) => PLACES.map((place) => `${item} ${place} ${missed}, ${request}`))));

  it(`never offers an allow for a missed threat, in ${messages.length} combinations`, () => {
    const allowed = messages.filter((text) => choicesFor(text).some(offersAllow));
    expect(allowed).toEqual([]);
  });

  it('offers the allow indicator where the analyst says the item is wrongly treated as malware', () => {
    expect(recogniseEvidence("tool.exe is blocked on LAPTOP-42 but it's clean, please allow it").proposal).toEqual({ flow: 'adjust', scenario: 'malware-on-device' });
  });
});
