import { CardOwner } from '../src/core/cardActions';
import { renderCard } from '../src/core/cards/render';
import { CardName, View } from '../src/core/views';
import { mean, percentile } from './stats';

/** How long binding data to each card's compiled template takes, per kind of view. */

export interface RenderTiming {
  readonly card: CardName;
  readonly meanUs: number;
  readonly p99Us: number;
}

/** One typical view of each kind; the Record makes a new kind of card a compile error here until it is timed. */
const SAMPLE_VIEWS: Readonly<Record<CardName, View>> = {
  menu: { card: 'menu', kind: 'welcome' },
  evidence: {
    card: 'evidence',
    evidence: [{ kind: 'url', display: 'hxxps://contoso-login[.]example/verify' }],
    reasons: ['a URL', 'the word "email"', 'the word "clean"'],
    proposal: { flow: 'report', item: 'url-in-email', verdict: 'wrongly-detected' },
    alternatives: [{ flow: 'report', item: 'url-in-office-file', verdict: 'wrongly-detected' }],
    confidence: 'sure',
  },
  chooseItem: { card: 'chooseItem' },
  chooseVerdict: { card: 'chooseVerdict', item: 'email-message' },
  reportAnswer: { card: 'reportAnswer', item: 'email-message', verdict: 'missed' },
  chooseScenario: { card: 'chooseScenario' },
  adjustAnswer: { card: 'adjustAnswer', scenario: 'legitimate-use' },
  undoPermissions: { card: 'undoPermissions', walk: 'bench-walk' },
  undoStep: { card: 'undoStep', walk: 'bench-walk', step: 4, branch: 'device' },
  undoDone: { card: 'undoDone', branch: 'email' },
  record: {
    card: 'record',
    scope: 'thread',
    entries: [{ at: 0, by: { id: '29:bench-analyst', name: 'Bench Analyst' }, finished: { kind: 'report', item: 'email-message', verdict: 'missed' } }],
    total: 1,
    asOf: 60_000,
  },
  actionCategory: { card: 'actionCategory', kind: 'submit-url' },
  actionMessage: { card: 'actionMessage', category: 'phishing', recipient: 'adele[@]contoso[.]com' },
  actionConfirm: {
    card: 'actionConfirm',
    key: 'bench-key',
    kind: 'submit-url',
    dryRun: true,
    service: 'Microsoft Graph (beta)',
    analyst: 'Bench Analyst',
    item: 'hxxps[://]contoso-login[.]example/verify',
    requests: [{ method: 'POST', path: '/security/threatSubmission/urlThreats', body: '{ "category": "notJunk" }' }],
  },
  actionResult: { card: 'actionResult', kind: 'submit-url', item: 'hxxps[://]contoso-login[.]example/verify', outcome: { kind: 'done', returnedId: 'bench-id' } },
};

const OWNER: CardOwner = { id: '29:bench-analyst', name: 'Bench Analyst' };
const WARM_UP_RENDERS = 200;

export function timeCardRendering(renders: number): RenderTiming[] {
  return Object.values(SAMPLE_VIEWS).map((view) => {
    for (let i = 0; i < WARM_UP_RENDERS; i++) renderCard(view, OWNER);
    const samplesUs: number[] = [];
    for (let i = 0; i < renders; i++) {
      const started = performance.now();
      renderCard(view, OWNER);
      samplesUs.push((performance.now() - started) * 1000);
    }
    return { card: view.card, meanUs: mean(samplesUs), p99Us: percentile(samplesUs, 0.99) };
  });
}
