import { BRANCH_IDS, BranchId, ITEM_IDS, ItemId, SCENARIO_IDS, ScenarioId, UNDO_STEP_COUNT, VERDICT_IDS, VerdictId } from './content';
import { COMMANDS, Command } from './commands';
import { ACTION_KINDS, ActionKind, THREAT_CATEGORIES, ThreatCategory } from './actions/model';
import { EVIDENCE_KINDS, EvidenceKind } from './evidence';
import { INCIDENT_PATHS, IncidentPath } from './wireNames';
import { INCIDENT_ID } from './intake/qualifying';

/**
 * What a card button asks for. Every button's data names its verb and everything the verb needs,
 * so a click is understood without guessing from position or from the card it sat on.
 */
export type CardAction =
  | { verb: 'command'; command: Command }
  | { verb: 'report.item'; item: ItemId }
  | { verb: 'report.verdict'; item: ItemId; verdict: VerdictId }
  | { verb: 'adjust.scenario'; scenario: ScenarioId }
  | { verb: 'undo.next'; walk: string; step: number }
  | { verb: 'undo.back'; walk: string; step: number }
  | { verb: 'undo.branch'; walk: string; step: number; branch: BranchId }
  // Direct actions (DIRECT_ACTIONS dry-run or on): start one from an answer, pick a category, confirm or cancel by key.
  | { verb: 'act.start'; kind: ActionKind }
  | { verb: 'act.category'; kind: ActionKind; category: ThreatCategory }
  | { verb: 'act.message'; kind: 'submit-email'; category: ThreatCategory | 'none'; recipient: string; messageUrl: string }
  | { verb: 'act.device'; key: string; device: number }
  | { verb: 'act.confirm'; key: string }
  | { verb: 'act.cancel'; key: string }
  // The incident card's buttons (issue 26): a path for the incident's entity, shown defanged.
  | { verb: 'intake.path'; path: IncidentPath; incident: string; kind: EvidenceKind; display: string };

export type Verb = CardAction['verb'];

export type ParsedCardAction = { ok: true; action: CardAction } | { ok: false; problem: string };

const MAX_ID_LENGTH = 200;

type FieldCheck = (value: unknown) => boolean;

const oneOf =
  (allowed: readonly string[]): FieldCheck =>
  (value) =>
    typeof value === 'string' && allowed.includes(value);
const walkId: FieldCheck = (value) => typeof value === 'string' && /^[A-Za-z0-9-]{1,36}$/.test(value);
/** A button carries the position it was shown at: 0 is the permissions card, 1..7 the article's steps. */
const undoPosition: FieldCheck = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= UNDO_STEP_COUNT;
const inputText =
  (max: number): FieldCheck =>
  (value) =>
    typeof value === 'string' && value.length <= max;
const boundedText: FieldCheck = (value) => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;

const SCHEMAS: Readonly<Record<Verb, Readonly<Record<string, FieldCheck>>>> = {
  command: { command: oneOf(COMMANDS) },
  'report.item': { item: oneOf(ITEM_IDS) },
  'report.verdict': { item: oneOf(ITEM_IDS), verdict: oneOf(VERDICT_IDS) },
  'adjust.scenario': { scenario: oneOf(SCENARIO_IDS) },
  'undo.next': { walk: walkId, step: undoPosition },
  'undo.back': { walk: walkId, step: undoPosition },
  'undo.branch': { walk: walkId, step: undoPosition, branch: oneOf(BRANCH_IDS) },
  'act.start': { kind: oneOf(ACTION_KINDS) },
  'act.category': { kind: oneOf(ACTION_KINDS), category: oneOf(THREAT_CATEGORIES) },
  // The two inputs of the message card: free text, bounded; the request builder checks what they hold.
  'act.message': { kind: oneOf(['submit-email']), category: oneOf([...THREAT_CATEGORIES, 'none']), recipient: inputText(320), messageUrl: inputText(2048) },
  'act.device': { key: walkId, device: (value) => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 10 },
  'act.confirm': { key: walkId },
  'act.cancel': { key: walkId },
  'intake.path': { path: oneOf(INCIDENT_PATHS), incident: (value) => typeof value === 'string' && INCIDENT_ID.test(value), kind: oneOf(EVIDENCE_KINDS), display: boundedText },
};

/** The button field naming the analyst a card was posted for: where the bot looks up whose card it is. */
export const POSTED_FOR_FIELD = 'postedFor';

/**
 * Fields about the card, not the request: checked like any other, then left out of the action. The
 * analyst a card was posted for is read by the bot layer as a hint where to look (the clicker can edit
 * it). Cards of earlier versions carry their owner on every button: nothing reads it now, but those cards still work.
 */
const CARD_FIELDS: Readonly<Record<string, FieldCheck>> = { [POSTED_FOR_FIELD]: boundedText, owner: boundedText, ownerName: boundedText };

function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SCHEMAS, value);
}

/**
 * Validates a button's data as it arrives from a client. Anything that is not exactly one of the
 * shapes above (unknown verb, unknown id, step out of range, wrong type, extra field) is refused.
 */
export function parseCardAction(data: unknown): ParsedCardAction {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, problem: 'the button sent no data' };
  }
  const record = data as Record<string, unknown>;
  if (!isVerb(record.verb)) return { ok: false, problem: 'the button asked for something I do not know' };
  const schema = SCHEMAS[record.verb];
  for (const [field, value] of Object.entries(record)) {
    if (field === 'verb') continue;
    // Own fields only: a field named "constructor" or "__proto__" must not find Object's members.
    const check = Object.hasOwn(schema, field) ? schema[field] : Object.hasOwn(CARD_FIELDS, field) ? CARD_FIELDS[field] : undefined;
    if (!check) return { ok: false, problem: `the button sent an unexpected field "${field.slice(0, 40)}"` };
    if (!check(value)) return { ok: false, problem: `the button's "${field}" is not valid` };
  }
  const missing = Object.keys(schema).find((field) => !(field in record));
  if (missing) return { ok: false, problem: `the button's data lacks "${missing}"` };
  if ((record.owner === undefined) !== (record.ownerName === undefined)) {
    return { ok: false, problem: 'the button names an owner only in part' };
  }
  const { owner: _owner, ownerName: _ownerName, [POSTED_FOR_FIELD]: _postedFor, ...action } = record;
  return { ok: true, action: action as CardAction };
}
