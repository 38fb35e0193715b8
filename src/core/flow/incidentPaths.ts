import type { CardAction } from '../cardActions';
import type { ItemId } from '../content';
import type { Evidence, EvidenceKind, MessageContext, Proposal } from '../evidence';
import { FlowState, MAX_OFFER_EVIDENCE, withOffer } from '../flowState';
import { FlowResult } from '../flowResult';
import { INCIDENT_PATH_MISSED, INCIDENT_PATH_RECURRING, INCIDENT_PATH_RIGHT, INCIDENT_PATH_UNDO } from '../wireNames';
import { SCENARIO_IDS } from '../content';
import { startUndo } from './undoWalk';

type IncidentAction = Extract<CardAction, { verb: 'intake.path' }>;

/** Where a missed entity of each kind is reported: the article's table 1 row. */
const MISSED_ITEM: Readonly<Record<EvidenceKind, ItemId>> = {
  email: 'email-message',
  url: 'url-in-email',
  domain: 'url-in-email',
  file: 'file-on-device',
  sha256: 'file-on-device',
  sha1: 'file-on-device',
  md5: 'file-on-device',
  device: 'file-on-device',
  mdeDeviceId: 'file-on-device',
  networkMessageId: 'email-message',
  userSid: 'email-message',
  ipv4: 'file-on-device',
  ipv6: 'file-on-device',
};

/**
 * A click on an incident card: the existing flow for that path, with the incident's entity as the
 * message's context, so every card of the path names it (the undo walk to its end, as for pasted evidence).
 */
export function startIncidentPath(action: IncidentAction, newWalkId: () => string, known: readonly Evidence[] = []): FlowResult {
  // The entity's ids (kept server-side, never read from the button) come first: the undo acts on them.
  const evidence = [...known, { kind: action.kind, display: action.display }].slice(0, MAX_OFFER_EVIDENCE);
  const context: MessageContext = { evidence, references: [{ kind: 'incident', id: action.incident }] };
  const offered = (choices: Proposal[], result: FlowResult): FlowResult => ({ state: withOffer(result.state as FlowState | undefined, { choices, context }), view: result.view });
  switch (action.path) {
    case INCIDENT_PATH_UNDO: {
      const walk = startUndo(newWalkId());
      return offered([{ flow: 'undo' }], { state: walk.state, view: { ...walk.view, context } as FlowResult['view'] });
    }
    case INCIDENT_PATH_MISSED: {
      const item = MISSED_ITEM[action.kind];
      return offered([{ flow: 'report', item, verdict: 'missed' }], { state: undefined, view: { card: 'reportAnswer', item, verdict: 'missed', context } });
    }
    case INCIDENT_PATH_RECURRING:
      return offered(SCENARIO_IDS.map((scenario) => ({ flow: 'adjust', scenario })), { state: { flow: 'adjust' }, view: { card: 'chooseScenario' } });
    case INCIDENT_PATH_RIGHT:
      return {
        state: undefined,
        view: { card: 'menu', kind: 'help', notice: `Noted on this thread's record: AIR was right about ${action.display} (incident ${action.incident}).` },
        finished: { kind: 'airRight', context },
      };
  }
}
