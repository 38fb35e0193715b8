import type { ActionOutcome } from '../../src/core/actions/confirmation/actionViews';
import { confirm, propose } from '../../src/core/actions/confirmation/confirmation';
import { ACTION_KINDS, ActionOrigin, DirectAction } from '../../src/core/actions/model';
import { View } from '../../src/core/views';

/** Every direct-action view: answers with their action buttons, the category question, confirmations and every result. */

const LONG_URL = { kind: 'url', display: `hxxps://${'a'.repeat(91)}[.]com/${'p'.repeat(60)}` } as const;
const ORIGIN: ActionOrigin = {
  threadName: `Incident 2972395 ${'W'.repeat(60)}`,
  threadUrl: 'https://teams.microsoft.com/l/message/19%3Aabcdefabcdefabcdefabcdefabcdef%40thread.tacv2/1700000000000',
  analyst: `Alice Analyst ${'W'.repeat(40)}`,
  now: Date.UTC(2026, 11, 1, 12),
};

/** The heaviest action of each kind there can be. */
const ACTIONS: readonly DirectAction[] = [
  { kind: 'submit-url', url: LONG_URL, verdict: 'missed', category: 'phishing' },
  { kind: 'submit-email', verdict: 'wrongly-detected', recipient: 'adele[@]contoso[.]com', messageUrl: `https://graph.microsoft.com/v1.0/users/${'u'.repeat(36)}/messages/${'m'.repeat(150)}` },
  { kind: 'classify-alert', alertId: 'da637551227677560813_-961444813', verdict: 'wrongly-detected' },
  { kind: 'allow-indicator', evidence: LONG_URL, judgement: 'wrongly-detected', expiryDays: 30 },
];

const OUTCOMES: readonly ActionOutcome[] = [
  { kind: 'done', returnedId: '49c5ef5b-1f65-444a-e6b9-08d772ea2059', link: 'https://security.microsoft.com/reportsubmission?viewid=url' },
  { kind: 'done', returnedId: '995' },
  { kind: 'failed', text: 'Microsoft Graph said you lack the permission ThreatSubmission.ReadWrite. Ask your admin to grant it.' },
  { kind: 'refused', text: 'An allow indicator is only for something wrongly detected; a missed or unjudged item is reported instead.' },
  { kind: 'cancelled' },
  { kind: 'expired' },
  { kind: 'sending' },
  { kind: 'interrupted' },
];

export function actionViews(answerContext: NonNullable<Extract<View, { card: 'reportAnswer' }>['context']>): View[] {
  const confirmations = ACTIONS.flatMap((action) => [true, false].map((dryRun) => propose(action, ORIGIN, 'key-1', dryRun).view));
  const dryRuns = ACTIONS.map((action) => confirm(propose(action, ORIGIN, 'key-1', true).pending, 'key-1', ORIGIN.now).view);
  return [
    { card: 'reportAnswer', item: 'url-in-email', verdict: 'wrongly-detected', context: answerContext, actions: ['submit-url', 'classify-alert'] },
    { card: 'reportAnswer', item: 'email-message', verdict: 'missed', context: answerContext, actions: ['submit-email', 'classify-alert'] },
    { card: 'reportAnswer', item: 'url-in-office-file', verdict: 'missed', context: answerContext, actions: ['submit-url', 'classify-alert'] },
    { card: 'adjustAnswer', scenario: 'malware-on-device', context: answerContext, actions: ['classify-alert', 'allow-indicator'] },
    ...ACTION_KINDS.map((kind): View => ({ card: 'actionCategory', kind })),
    { card: 'actionMessage' },
    { card: 'actionMessage', category: 'phishing', recipient: `${'a'.repeat(60)}[@]${'b'.repeat(60)}[.]com` },
    ...confirmations,
    ...dryRuns,
    ...OUTCOMES.map((outcome): View => ({ card: 'actionResult', kind: 'submit-url', item: 'hxxps[://]contoso-login[.]example/verify', outcome })),
    { card: 'actionResult', outcome: { kind: 'unknown' } },
  ];
}
