import { CardName, View } from '../views';

/**
 * One typical view of each kind of card: the bench times rendering them, and the bot renders them at
 * start-up to warm the templating engine. The Record makes a new kind of card a compile error here until it has one.
 */
export const SAMPLE_VIEWS: Readonly<Record<CardName, View>> = {
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
  undoPermissions: { card: 'undoPermissions', walk: 'sample-walk' },
  undoStep: { card: 'undoStep', walk: 'sample-walk', step: 4, branch: 'device' },
  undoDone: { card: 'undoDone', branch: 'email' },
  record: {
    card: 'record',
    scope: 'thread',
    entries: [{ at: 0, by: { id: '29:sample-analyst', name: 'Sample Analyst' }, finished: { kind: 'report', item: 'email-message', verdict: 'missed' } }],
    total: 1,
    asOf: 60_000,
  },
  actionCategory: { card: 'actionCategory', kind: 'submit-url' },
  actionMessage: { card: 'actionMessage', category: 'phishing', recipient: 'adele[@]contoso[.]com' },
  actionConfirm: {
    card: 'actionConfirm',
    key: 'sample-key',
    kind: 'submit-url',
    dryRun: true,
    service: 'Microsoft Graph (beta)',
    analyst: 'Sample Analyst',
    item: 'hxxps[://]contoso-login[.]example/verify',
    requests: [{ method: 'POST', path: '/security/threatSubmission/urlThreats', body: '{ "category": "notJunk" }' }],
  },
  actionDevice: {
    card: 'actionDevice',
    key: 'sample-key',
    kind: 'unisolate-device',
    item: 'FIN-LAPTOP-7',
    devices: [
      { id: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07', name: 'fin-laptop-7.contoso.com' },
      { id: '2f6cd0e8f524eee8a13d3a43f529813c95e1dd18', name: 'fin-laptop-7.fabrikam.com' },
    ],
  },
  actionResult: { card: 'actionResult', kind: 'submit-url', item: 'hxxps[://]contoso-login[.]example/verify', outcome: { kind: 'done', returnedId: 'sample-id' } },
};
