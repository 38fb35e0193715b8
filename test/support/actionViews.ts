import type { ActionOutcome } from '../../src/core/actions/confirmation/actionViews';
import { confirm, MAX_DEVICE_CHOICES, propose } from '../../src/core/actions/confirmation/confirmation';
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
  { kind: 'unisolate-device', device: { name: `FIN-LAPTOP-${'7'.repeat(50)}`, id: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07' }, judgement: 'wrongly-detected' },
  { kind: 'unrestrict-device', device: { name: `FIN-LAPTOP-${'7'.repeat(50)}` }, judgement: 'wrongly-detected' },
  {
    kind: 'restore-email',
    networkMessageId: '73ca4154-58d8-43d0-a890-08dc18c52e6d',
    recipient: `${'a'.repeat(40)}[@]${'b'.repeat(40)}[.]com`,
    approversGroupId: '7f3d9a1e-4b2c-4d8e-9f10-2a3b4c5d6e7f',
    judgement: 'wrongly-detected',
  },
  { kind: 'enable-account', sid: 'S-1-5-21-989687458-3461180213-172365591-281652', judgement: 'wrongly-detected' },
  {
    kind: 'enable-account',
    sid: 'S-1-5-21-989687458-3461180213-172365591-281652',
    account: { identityId: '00104216-0539-4838-88b1-55baafdc296b', accountId: '256db173-930a-4991-9061-0d51a9a93ba5', provider: 'activeDirectory', name: `${'W'.repeat(48)} @ ${'d'.repeat(48)}` },
    judgement: 'wrongly-detected',
  },
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
  { kind: 'finding' },
  { kind: 'denied', text: 'You are not a member of the approvers group this bot is set up with, so the email was not moved.' },
  { kind: 'done', returnedId: '8fce4ce8-d851-4550-8d4f-e0b5f4ca2239', status: 'still running (InProgress), see the Action center', link: 'https://security.microsoft.com/action-center/history' },
  { kind: 'failed', returnedId: '8fce4ce8-d851-4550-8d4f-e0b5f4ca2239', text: 'Defender for Endpoint took the request (machine action 8fce4ce8-d851-4550-8d4f-e0b5f4ca2239) and it ended Failed.' },
];

export function actionViews(answerContext: NonNullable<Extract<View, { card: 'reportAnswer' }>['context']>): View[] {
  const confirmations = ACTIONS.flatMap((action) => [true, false].map((dryRun) => propose(action, ORIGIN, 'key-1', dryRun).view));
  const dryRuns = ACTIONS.map((action) => confirm(propose(action, ORIGIN, 'key-1', true).pending, 'key-1', ORIGIN.now).view);
  return [
    { card: 'reportAnswer', item: 'url-in-email', verdict: 'wrongly-detected', context: answerContext, actions: ['submit-url', 'classify-alert'] },
    { card: 'reportAnswer', item: 'email-message', verdict: 'missed', context: answerContext, actions: ['submit-email', 'classify-alert'] },
    { card: 'reportAnswer', item: 'url-in-office-file', verdict: 'missed', context: answerContext, actions: ['submit-url', 'classify-alert'] },
    { card: 'adjustAnswer', scenario: 'malware-on-device', context: answerContext, actions: ['classify-alert', 'allow-indicator'] },
    { card: 'undoPermissions', walk: 'walk-1', context: answerContext, actions: ['unisolate-device', 'unrestrict-device', 'restore-email'] },
    { card: 'undoPermissions', walk: 'walk-1', context: answerContext, actions: [] },
    {
      card: 'actionDevice',
      key: 'key-1',
      kind: 'unisolate-device',
      item: `FIN-LAPTOP-${'7'.repeat(50)}`,
      devices: Array.from({ length: MAX_DEVICE_CHOICES }, (_, i) => ({ id: `${i}`.repeat(40).slice(0, 40), name: `fin-laptop-7.${'x'.repeat(60)}${i}.com` })),
    },
    ...ACTION_KINDS.map((kind): View => ({ card: 'actionCategory', kind })),
    { card: 'actionMessage' },
    { card: 'actionMessage', category: 'phishing', recipient: `${'a'.repeat(60)}[@]${'b'.repeat(60)}[.]com` },
    ...confirmations,
    ...dryRuns,
    ...OUTCOMES.map((outcome): View => ({ card: 'actionResult', kind: 'submit-url', item: 'hxxps[://]contoso-login[.]example/verify', outcome })),
    { card: 'actionResult', outcome: { kind: 'unknown' } },
  ];
}
