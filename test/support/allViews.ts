import { BRANCH_IDS, ITEM_IDS, SCENARIO_IDS, UNDO_STEP_COUNT, VERDICT_IDS } from '../../src/core/content';
import { EVIDENCE_KINDS } from '../../src/core/evidence';
import { MAX_OFFER_EVIDENCE } from '../../src/core/flowState';
import { recordView } from '../../src/core/cards/recordCard';
import { Finished, RecordEntry } from '../../src/core/recordEntry';
import { View } from '../../src/core/views';
import { actionViews } from './actionViews';

/** Every view the bot can show, with and without the optional parts. */
export function allViews(): View[] {
  const branches = [undefined, ...BRANCH_IDS];
  const steps = Array.from({ length: UNDO_STEP_COUNT }, (_, i) => i + 1);
  const optionalBranch = (branch: (typeof branches)[number]) => (branch ? { branch } : {});
  return [
    { card: 'menu', kind: 'welcome' },
    { card: 'menu', kind: 'help', notice: 'You still have a report question open; its card still works.' },
    { card: 'menu', kind: 'cancelled', stopped: 'the undo walk-through (at step 3 of 7)' },
    { card: 'menu', kind: 'cancelled' },
    ...evidenceViews(),
    { card: 'chooseItem' },
    ...ITEM_IDS.map((item): View => ({ card: 'chooseVerdict', item })),
    ...ITEM_IDS.flatMap((item) => VERDICT_IDS.map((verdict): View => ({ card: 'reportAnswer', item, verdict }))),
    { card: 'chooseScenario' },
    ...SCENARIO_IDS.map((scenario): View => ({ card: 'adjustAnswer', scenario })),
    // Answers reached from a proposal, with the heaviest "From your message" block there can be.
    { card: 'reportAnswer', item: 'file-on-device', verdict: 'wrongly-detected', context: FULL_CONTEXT },
    { card: 'adjustAnswer', scenario: 'malware-on-device', context: FULL_CONTEXT },
    { card: 'undoPermissions', walk: 'walk-1' },
    ...steps.flatMap((step) => branches.map((branch): View => ({ card: 'undoStep', walk: 'walk-1', step, ...optionalBranch(branch) }))),
    ...branches.map((branch): View => ({ card: 'undoDone', ...optionalBranch(branch) })),
    ...recordViews(),
    ...actionViews(FULL_CONTEXT),
  ];
}

const RECORD_NOW = Date.UTC(2026, 11, 1, 19, 30);

/**
 * Record entries of every kind, each with the heaviest "From your message" block and a long name,
 * one minute apart, newest first: the heaviest record card there can be for `count` entries.
 */
export function recordEntries(count: number): RecordEntry[] {
  const kinds: Finished[] = [
    { kind: 'report', item: 'url-in-office-file', verdict: 'wrongly-detected', context: FULL_CONTEXT },
    { kind: 'adjust', scenario: 'malware-on-device', context: FULL_CONTEXT },
    { kind: 'undo', branch: 'email', context: FULL_CONTEXT },
    { kind: 'undoCancelled', step: 4, branch: 'device', context: FULL_CONTEXT },
    { kind: 'action', action: 'allow-indicator', item: `hxxps[://]${'a'.repeat(91)}[.]com`, result: { kind: 'done', returnedId: 'f'.repeat(36) } },
    { kind: 'action', action: 'classify-alert', item: 'da637551227677560813_-961444813', result: { kind: 'failed' } },
    { kind: 'action', action: 'submit-url', item: 'hxxps[://]contoso-login[.]example/verify', result: { kind: 'interrupted' } },
  ];
  return Array.from({ length: count }, (_, i) => ({
    at: RECORD_NOW - i * 60_000,
    by: { id: `29:analyst-${i}`, name: `Analyst ${i} ${'W'.repeat(40)}` },
    finished: kinds[i % kinds.length],
  }));
}

/** Record cards of a thread with 1, 15 and 16 entries, an analyst's own, and one that moved below. */
function recordViews(): View[] {
  return [
    recordView('thread', recordEntries(1), RECORD_NOW),
    recordView('thread', recordEntries(15), RECORD_NOW),
    recordView('thread', recordEntries(16), RECORD_NOW),
    recordView('mine', [{ at: RECORD_NOW, by: { id: '29:a', name: 'Alice Analyst' }, finished: { kind: 'report', item: 'email-message', verdict: 'missed' } }], RECORD_NOW),
    { ...recordView('thread', [], RECORD_NOW), movedBelow: true },
  ];
}

const FULL_CONTEXT = {
  evidence: EVIDENCE_KINDS.slice(0, MAX_OFFER_EVIDENCE).map((kind) => ({ kind, display: `hxxps://${'a'.repeat(91)}[.]com` })),
  references: [
    { kind: 'incident', id: '2972395' },
    { kind: 'alert', id: 'da637551227677560813_-961444813' },
    { kind: 'investigation', id: 'x'.repeat(100) },
  ],
} as const;

/** Proposals sure and unsure, of both flows, from a bare reason to the most evidence a card can hold. */
function evidenceViews(): View[] {
  const url = { kind: 'url', display: 'hxxps://contoso-login[.]example/verify' } as const;
  // Ten of the longest displays, one of each kind: the heaviest evidence card there can be.
  const longest = EVIDENCE_KINDS.map((kind) => ({ kind, display: `hxxps://${'a'.repeat(91)}[.]com` }));
  return [
    {
      card: 'evidence',
      evidence: [url],
      reasons: ['a URL', 'the word "email"', 'the word "clean"'],
      proposal: { flow: 'report', item: 'url-in-email', verdict: 'wrongly-detected' },
      alternatives: [{ flow: 'report', item: 'url-in-office-file', verdict: 'wrongly-detected' }],
      confidence: 'sure',
    },
    {
      card: 'evidence',
      evidence: [],
      reasons: ['the word "alert"', 'the word "legitimate"'],
      proposal: { flow: 'adjust', scenario: 'legitimate-use' },
      alternatives: [],
      confidence: 'sure',
    },
    {
      card: 'evidence',
      evidence: longest,
      reasons: ['10 URLs', 'a device name', 'the word "alert"', 'the word "clean"', 'the word "blocked"'],
      proposal: { flow: 'report', item: 'url-in-email' },
      alternatives: [
        { flow: 'report', item: 'url-in-office-file' },
        { flow: 'adjust', scenario: 'malware-on-device' },
        { flow: 'report', item: 'file-on-device' },
        { flow: 'adjust', scenario: 'inaccurate-alert' },
      ],
      confidence: 'unsure',
      notice: 'You still have the undo walk-through (at step 3 of 7) open; its card still works.',
    },
    {
      card: 'evidence',
      evidence: [{ kind: 'file', display: 'invoice.docx' }],
      references: FULL_CONTEXT.references,
      reasons: ['the word "undo"', 'a file name'],
      proposal: { flow: 'undo' },
      alternatives: [],
      confidence: 'sure',
    },
    {
      card: 'evidence',
      evidence: [],
      reasons: ['the word "suppress"'],
      proposal: { flow: 'adjust', scenario: 'legitimate-use' },
      alternatives: [{ flow: 'adjust', scenario: 'inaccurate-alert' }, { flow: 'undo' }],
      confidence: 'unsure',
    },
  ];
}
