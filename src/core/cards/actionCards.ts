import type { ActionConfirmView, ActionDeviceView, ActionOutcome, ActionResultView } from '../actions/confirmation/actionViews';
import { ActionKind, THREAT_CATEGORIES, ThreatCategory } from '../actions/model';
import type { RequestPreview } from '../actions/confirmation/preview';
import { CardAction } from '../cardActions';
import { escapeMarkdown } from '../evidence/defanging/display';
import { Button, button, link, LinkButton, primary } from './buttons';

/** The direct-action cards: the buttons on answers, the category question, the confirmation and the result. */

export const ACTION_TITLES: Readonly<Record<ActionKind, string>> = {
  'submit-url': 'Submit the URL to Microsoft',
  'submit-email': 'Submit the email to Microsoft',
  'classify-alert': 'Classify the alert',
  'allow-indicator': 'Add an allow indicator',
  'unisolate-device': 'Release the device from isolation',
  'unrestrict-device': "Lift the device's app restriction",
  'restore-email': 'Move the email back to the inbox',
  'enable-account': 'Enable the account again',
};

/** The answer card's button that starts an action (never its main action: the portal link stays that). */
const START_TITLES: Readonly<Record<ActionKind, string>> = {
  'submit-url': 'Submit the URL from Teams',
  'submit-email': 'Submit the email from Teams',
  'classify-alert': 'Classify the alert from Teams',
  'allow-indicator': 'Add the allow indicator from Teams',
  'unisolate-device': 'Release it from isolation from Teams',
  'unrestrict-device': 'Lift the app restriction from Teams',
  'restore-email': 'Move it back to the inbox from Teams',
  'enable-account': 'Enable the account from Teams',
};

const CATEGORY_LABELS: Readonly<Record<ThreatCategory, string>> = { phishing: 'Phishing', malware: 'Malware', spam: 'Spam' };

/** The answer card's "do it from Teams" buttons; nothing at all when no action is offered (DIRECT_ACTIONS off). */
export function actingData(kinds: readonly ActionKind[] | undefined): { acting?: Button[] } {
  return kinds && kinds.length > 0 ? { acting: kinds.map((kind) => button(START_TITLES[kind], { verb: 'act.start', kind })) } : {};
}

/** A missed threat is sent as what the analyst says it is: asked before the confirmation. */
export function actionCategoryData(kind: ActionKind) {
  return {
    title: `${ACTION_TITLES[kind]}: what is it?`,
    prompt: 'Microsoft files a missed threat under the category you pick.',
    choices: THREAT_CATEGORIES.map((category) => button(CATEGORY_LABELS[category], { verb: 'act.category', kind, category })),
    buttons: [button('Cancel', { verb: 'command', command: 'cancel' })],
  };
}

/** The email submission finds the message by its recipient and its Graph URL: asked here, checked when the request is built. */
export function actionMessageData(category: ThreatCategory | undefined, recipient: string | undefined) {
  return {
    title: `${ACTION_TITLES['submit-email']}: which message?`,
    prompt: "Microsoft finds the message by who received it and its URL in Microsoft Graph (Outlook on the web or Graph Explorer shows the message's id).",
    recipientLabel: 'Recipient (email address)',
    recipient: recipient ?? '',
    messageUrlLabel: "The message's Microsoft Graph URL",
    buttons: [
      // The card's two inputs join this data when clicked (recipient, messageUrl).
      primary(button('Continue', { verb: 'act.message', kind: 'submit-email', category: category ?? 'none' } as CardAction)),
      button('Cancel', { verb: 'command', command: 'cancel' }),
    ],
  };
}

/** A device name that fits several devices: one button per device, named by its DNS name and id. */
export function actionDeviceData(view: ActionDeviceView) {
  return {
    title: `${ACTION_TITLES[view.kind]}: which device?`,
    prompt: `Defender for Endpoint has ${view.devices.length} devices named ${view.item}. Pick the one AIR acted on; its confirmation comes next.`,
    // A title of at most 40 characters: the DNS name's start and the id's, which tell the devices apart; the text lists them whole.
    choices: view.devices.map((device, index) => button(`${device.name.slice(0, 26)} · ${device.id.slice(0, 8)}`, { verb: 'act.device', key: view.key, device: index })),
    details: view.devices.map((device) => `- ${escapeMarkdown(device.name)}: ${device.id}`).join('\n'),
    buttons: [button('Cancel', { verb: 'act.cancel', key: view.key })],
  };
}

const requestText = ({ method, path, body }: RequestPreview): { text: string } => ({ text: escapeMarkdown(`${method} ${path}\n${body}`) });

/** Every action goes as the analyst, but the email undo: its API takes only the bot's application identity. */
function asWhom(view: ActionConfirmView): string {
  const analyst = escapeMarkdown(view.analyst);
  return view.kind === 'restore-email'
    ? `This bot's application, approved by ${analyst}: your membership of the approvers group is checked with your own sign-in first`
    : `${analyst}, with your own sign-in and permissions`;
}

export function actionConfirmData(view: ActionConfirmView) {
  return {
    title: `${ACTION_TITLES[view.kind]}?`,
    ...(view.dryRun ? { banner: 'Dry run: nothing will be sent, even if you confirm.' } : {}),
    prompt: 'Nothing is sent until you confirm. This confirmation expires in 10 minutes.',
    facts: [
      { label: 'Item', value: view.item },
      { label: 'To', value: view.service },
      { label: 'As', value: asWhom(view) },
    ],
    requestsTitle: 'What will be sent',
    requests: view.requests.map(requestText),
    links: [],
    buttons: [primary(button('Confirm', { verb: 'act.confirm', key: view.key })), button('Cancel', { verb: 'act.cancel', key: view.key })],
  };
}

const OUTCOME_TITLES: Readonly<Record<ActionOutcome['kind'], string>> = {
  'dry-run': 'Dry run: nothing was sent',
  done: 'Done',
  failed: 'Not done',
  refused: 'Not possible from Teams',
  denied: 'Refused: you are not an approver',
  finding: 'Looking it up',
  cancelled: 'Cancelled: nothing was sent',
  expired: 'Expired: nothing was sent',
  sending: 'Being sent',
  interrupted: 'Not known whether it was sent',
  unknown: 'This confirmation is no longer open',
};

function outcomeText(outcome: ActionOutcome, kind: ActionKind | undefined): string {
  switch (outcome.kind) {
    case 'dry-run':
      return 'DIRECT_ACTIONS is dry-run: this is the request that would have gone out.';
    case 'done':
      return outcome.status ? `The service returned the id ${escapeMarkdown(outcome.returnedId)}: ${escapeMarkdown(outcome.status)}.` : `The service returned the id ${escapeMarkdown(outcome.returnedId)}.`;
    case 'failed':
    case 'refused':
    case 'denied':
      return outcome.text;
    case 'finding':
      return kind === 'enable-account'
        ? 'Defender for Identity is asked which account has that SID; its confirmation will take the place of this card.'
        : 'Defender for Endpoint is asked which device has that name; its confirmation, with the device id, will take the place of this card.';
    case 'cancelled':
      return 'Ask again from the answer card if you change your mind.';
    case 'expired':
      return 'A confirmation is good for 10 minutes. Ask again from the answer card to see it afresh.';
    case 'sending':
      return 'The result will take the place of this card.';
    case 'interrupted':
      return 'The bot stopped while sending this, so it may or may not have reached the service. Check in the Defender portal before asking again.';
    case 'unknown':
      return 'Nothing was sent from this click. Ask again from the answer card.';
  }
}

export function actionResultData(view: ActionResultView) {
  const { outcome } = view;
  const links: LinkButton[] = outcome.kind === 'done' && outcome.link ? [primary(link('Open in the Defender portal', outcome.link))] : [];
  return {
    title: OUTCOME_TITLES[outcome.kind],
    prompt: outcomeText(outcome, view.kind),
    facts: [
      ...(view.kind ? [{ label: 'Action', value: ACTION_TITLES[view.kind] }] : []),
      ...(view.item ? [{ label: 'Item', value: view.item }] : []),
      ...(outcome.kind === 'done' ? [{ label: 'Id', value: escapeMarkdown(outcome.returnedId) }] : []),
      ...(outcome.kind === 'done' && outcome.status ? [{ label: 'Status', value: escapeMarkdown(outcome.status) }] : []),
    ],
    requestsTitle: 'The request that would have gone out',
    requests: (view.requests ?? []).map(requestText),
    links,
    buttons: [],
  };
}
