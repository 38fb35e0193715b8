import type { ActionConfirmView, ActionDeviceView, ActionOutcome, ActionResultView } from './actionViews';
import { AccountUndo, ActionOrigin, DeviceUndo, DirectAction, FoundAccount } from '../model';
import { itemShown, previewRequests } from './preview';
import { accountLookup, Built, buildRequests, deviceLookup, enableRequest, machineActionRequest, OutgoingRequest } from '../requests/requests';
import { undoPermitted } from '../../safety';
import { SERVICE_OF, SERVICES } from '../requests/services';

/** A confirmation left this long is no longer honoured: the analyst asks again and reads it again. */
export const CONFIRMATION_TTL_MS = 10 * 60_000;
/**
 * A send takes at most about 40 s (three tries of 10 s and their waits). One still "sending" after
 * this was cut off by a restart: it is settled as interrupted rather than shown as sending forever.
 */
export const SEND_DEADLINE_MS = 3 * 60_000;

/**
 * `finding`: a device named by the analyst (or an account by its SID) is being looked up; `choosing`: the
 * name fits several devices and the analyst picks one; then `awaiting` their confirmation, `sending`, `settled`.
 */
export const PENDING_STAGES = ['finding', 'choosing', 'awaiting', 'sending', 'settled'] as const;

/** A device Defender for Endpoint found for a name: its id and its DNS name. */
export interface FoundDevice {
  readonly id: string;
  readonly name: string;
}

/** What a lookup came to, for the pending action that asked: the devices a name fits, or the accounts a SID does. */
export type LookupAnswer = { readonly kind: 'found'; readonly devices: readonly FoundDevice[] } | { readonly kind: 'accounts-found'; readonly accounts: readonly FoundAccount[] };

/**
 * An action waiting for, or past, the analyst's confirmation, kept in their state. The key is its
 * idempotency key: a click or re-delivery with it after the first confirm never sends again.
 */
export interface PendingAction {
  readonly key: string;
  readonly action: DirectAction;
  readonly origin: ActionOrigin;
  readonly dryRun: boolean;
  readonly stage: (typeof PENDING_STAGES)[number];
  /** The devices a name fits, while the analyst chooses. */
  readonly devices?: readonly FoundDevice[];
  /** When sending started (epoch ms), to tell a send in progress from one a restart cut off. */
  readonly sentAt?: number;
  readonly outcome?: ActionOutcome;
}

/** A turn's answer: the pending action to keep (undefined: none), the view, and requests to send, if any. */
export interface ActionStep {
  readonly pending: PendingAction | undefined;
  readonly view: ActionConfirmView | ActionResultView | ActionDeviceView;
  readonly send?: readonly OutgoingRequest[];
}

/**
 * The requests an action would send: built from it, or, for a device known only by name (an account by
 * SID) in a dry run, the lookup and the request with the ids it would find as `{id}`. Only a dry run
 * ever has the latter, since outside one the lookup runs first.
 */
function planned(action: DirectAction, origin: ActionOrigin, dryRun: boolean): Built {
  const lookup = lookupOf(action);
  if (!dryRun || lookup === undefined || !undoPermittedFor(action)) return buildRequests(action, origin);
  const then = action.kind === 'enable-account' ? enableRequest({ identityId: '{id}', accountId: '{accountId}', provider: 'activeDirectory' }) : machineActionRequest(action as DeviceUndo, '{id}', origin);
  return { ok: true, requests: [lookup, then] };
}

/** The safety rule for an undo, with the judgement the action carries (only undos look anything up). */
const undoPermittedFor = (action: DirectAction): boolean => 'judgement' in action && undoPermitted(action.judgement);
const isDeviceUndo = (action: DirectAction): action is DeviceUndo => action.kind === 'unisolate-device' || action.kind === 'unrestrict-device';
const needsLookup = (action: DirectAction): action is DeviceUndo => isDeviceUndo(action) && action.device.id === undefined && action.device.name !== undefined;
const needsAccount = (action: DirectAction): action is AccountUndo => action.kind === 'enable-account' && action.account === undefined;

/** What must be looked up before an undo's confirmation: a device known by name, an account by SID. */
function lookupOf(action: DirectAction): OutgoingRequest | undefined {
  if (needsLookup(action)) return deviceLookup(action.device.name ?? '');
  return needsAccount(action) ? accountLookup(action.sid) : undefined;
}

/** Sending or looking up: the confirmation's requests (or its lookup) are out, and a new one would take its place. */
const OUT_STAGES: ReadonlySet<PendingAction['stage']> = new Set(['sending', 'finding']);

/** The analyst asked for an action: a confirmation showing what would be sent, or why it cannot be. */
export function propose(action: DirectAction, origin: ActionOrigin, key: string, dryRun: boolean): ActionStep {
  // A device named but not yet known by id, or an account by SID, is looked up first; a dry run shows the lookup it would make.
  const lookup = lookupOf(action);
  if (lookup && !dryRun && undoPermittedFor(action)) {
    const finding: PendingAction = { key, action, origin, dryRun, stage: 'finding', sentAt: origin.now };
    return { pending: finding, view: resultOf(finding), send: [lookup] };
  }
  const built = planned(action, origin, dryRun);
  if (!built.ok) return { pending: undefined, view: { card: 'actionResult', kind: action.kind, item: itemShown(action), outcome: { kind: 'refused', text: built.refusal.text } } };
  const view: ActionConfirmView = {
    card: 'actionConfirm',
    key,
    kind: action.kind,
    dryRun,
    service: SERVICES[SERVICE_OF[action.kind]].name,
    analyst: origin.analyst,
    item: itemShown(action),
    requests: previewRequests(action, built.requests),
  };
  return { pending: { key, action, origin, dryRun, stage: 'awaiting' }, view };
}

/**
 * Confirm. Only an awaiting confirmation under 10 minutes old sends, and only once: a double click or
 * a re-delivered click finds it sending or settled and answers with that. A dry run settles at once.
 */
export function confirm(pending: PendingAction | undefined, key: string, now: number): ActionStep {
  const known = pending?.key === key ? pending : undefined;
  if (known === undefined) return unknown(pending);
  if (known.stage !== 'awaiting') return whereItStands(known, now);
  if (now - known.origin.now > CONFIRMATION_TTL_MS) return settleAs(known, { kind: 'expired' });
  const built = planned(known.action, known.origin, known.dryRun);
  if (!built.ok) return settleAs(known, { kind: 'refused', text: built.refusal.text });
  if (known.dryRun) return settleAs(known, { kind: 'dry-run' });
  const sending: PendingAction = { ...known, stage: 'sending', sentAt: now };
  return { pending: sending, view: resultOf(sending), send: built.requests };
}

/** Cancel: nothing is sent. Too late once sending has started; then the click shows where it stands. */
export function cancel(pending: PendingAction | undefined, key: string, now: number): ActionStep {
  const known = pending?.key === key ? pending : undefined;
  if (known === undefined) return unknown(pending);
  if (known.stage !== 'awaiting' && known.stage !== 'choosing') return whereItStands(known, now);
  return settleAs(known, { kind: 'cancelled' });
}

/**
 * The call came back: the outcome is kept under the same key, so a later click shows it again. Only
 * a confirmation still sending takes it; any other (settled meanwhile, replaced) stays as it is.
 */
export function settleSent(pending: PendingAction | undefined, key: string, outcome: ActionOutcome): ActionStep {
  if (pending?.key !== key || pending.stage !== 'sending') return pending?.key === key ? { pending, view: resultOf(pending) } : unknown(pending);
  return settleAs(pending, outcome);
}

/** Whether the confirmation's requests (or its lookup) are out now, and not yet past the deadline that says a restart cut them off. */
export const isSendingNow = (pending: PendingAction, now: number): boolean =>
  OUT_STAGES.has(pending.stage) && now - (pending.sentAt ?? pending.origin.now) <= SEND_DEADLINE_MS;

/**
 * A click on a confirmation past its awaiting stage: its result, or interrupted when a restart cut its
 * send off. A lookup cut off sent nothing: it settles as refused, and is not recorded.
 */
function whereItStands(known: PendingAction, now: number): ActionStep {
  if (known.stage === 'choosing') return { pending: known, view: deviceChoice(known) };
  const cutOff = OUT_STAGES.has(known.stage) && !isSendingNow(known, now);
  if (cutOff && known.stage === 'finding') return settleAs(known, { kind: 'refused', text: LOOKUP_CUT_OFF });
  return cutOff ? settleAs(known, { kind: 'interrupted' }) : { pending: known, view: resultOf(known) };
}

/** A choice a card can show as buttons; a name that fits more devices is asked again by id. */
export const MAX_DEVICE_CHOICES = 5;

const LOOKUP_CUT_OFF = 'The bot stopped while looking it up. Nothing was sent; ask again from the undo card.';

/**
 * The lookup came back: one device, its confirmation (in place of the "looking it up" card); several, the
 * choice; none, why nothing can be sent; an account, as accountFound says. Only the lookup still out takes it.
 */
export function lookupAnswered(pending: PendingAction | undefined, key: string, found: LookupAnswer): ActionStep {
  if (pending?.key !== key || pending.stage !== 'finding' || lookupOf(pending.action) === undefined) return pending?.key === key ? { pending, view: resultOf(pending) } : unknown(pending);
  if (found.kind === 'accounts-found') return accountFound(pending, found.accounts);
  const { action } = pending;
  if (!needsLookup(action)) return { pending, view: resultOf(pending) };
  const [only, ...others] = found.devices;
  if (only === undefined) {
    return settleAs(pending, { kind: 'refused', text: `Defender for Endpoint knows no device named ${action.device.name}. Check the name, or paste the device id ("device id ...").` });
  }
  if (others.length === 0) return propose(withDevice(action, only), pending.origin, key, pending.dryRun);
  if (found.devices.length > MAX_DEVICE_CHOICES) {
    return settleAs(pending, { kind: 'refused', text: `More than ${MAX_DEVICE_CHOICES} devices are named ${action.device.name}. Paste the one AIR acted on by its id ("device id ...").` });
  }
  const choosing: PendingAction = { ...pending, stage: 'choosing', devices: found.devices };
  return { pending: choosing, view: deviceChoice(choosing) };
}

/** The analyst picked one of the devices a name fits: its confirmation. */
export function chooseDevice(pending: PendingAction | undefined, key: string, index: number, now: number): ActionStep {
  const known = pending?.key === key ? pending : undefined;
  if (known === undefined) return unknown(pending);
  if (known.stage !== 'choosing') return whereItStands(known, now);
  const device = known.devices?.[index];
  if (device === undefined || !needsLookup(known.action)) return { pending: known, view: deviceChoice(known) };
  return propose(withDevice(known.action, device), { ...known.origin, now }, key, known.dryRun);
}

/**
 * The SID came back as one account Defender for Identity can enable: its confirmation. None: nothing
 * can be sent. Several identities for one SID should not happen; the bot then sends nothing either.
 */
function accountFound(pending: PendingAction, accounts: readonly FoundAccount[]): ActionStep {
  const { action } = pending;
  const [only, ...others] = accounts;
  if (!needsAccount(action)) return { pending, view: resultOf(pending) };
  if (only === undefined || others.length > 0) {
    const why = only === undefined ? 'knows no account it can enable with' : 'has more than one account with';
    return settleAs(pending, { kind: 'refused', text: `Defender for Identity ${why} the SID ${action.sid}. Nothing was sent; enable it in the portal (Identities, the user's page).` });
  }
  return propose({ ...action, account: only }, pending.origin, pending.key, pending.dryRun);
}

const withDevice = (action: DeviceUndo, device: FoundDevice): DeviceUndo => ({ ...action, device: { name: device.name, id: device.id } });

function deviceChoice(pending: PendingAction): ActionDeviceView {
  const devices = pending.devices ?? [];
  return { card: 'actionDevice', key: pending.key, kind: pending.action.kind, item: itemShown(pending.action), devices };
}

function settleAs(pending: PendingAction, outcome: ActionOutcome): ActionStep {
  const settled: PendingAction = { ...pending, stage: 'settled', outcome };
  return { pending: settled, view: resultOf(settled) };
}

/** A click for a confirmation the analyst no longer has (replaced by a newer one, or never theirs). */
function unknown(pending: PendingAction | undefined): ActionStep {
  return { pending, view: { card: 'actionResult', outcome: { kind: 'unknown' } } };
}

/**
 * Where a confirmation stands, drawn the same way every time it is asked (a re-delivered click shows
 * the same card): a dry run rebuilds the requests it would have sent, which are pure.
 */
function resultOf(pending: PendingAction): ActionResultView {
  const { action, origin } = pending;
  const outcome: ActionOutcome = pending.outcome ?? { kind: pending.stage === 'finding' ? 'finding' : 'sending' };
  const built = outcome.kind === 'dry-run' ? planned(action, origin, true) : undefined;
  const requests = built?.ok ? { requests: previewRequests(action, built.requests) } : {};
  return { card: 'actionResult', kind: action.kind, item: itemShown(action), outcome, ...requests };
}
