import { TurnContext } from 'botbuilder-core';
import type { ActionOutcome } from '../../core/actions/confirmation/actionViews';
import type { OutgoingRequest } from '../../core/actions/requests/requests';
import { Logger } from '../../ops/logger';
import type { AfterReply } from '../delivery';
import { cardFor } from '../conversation';
import { replaceCard } from '../delivery';
import type { ActionToSend, FlowRunner } from '../turns';
import type { RecordKeeper } from '../record';
import type { AnalystTokens, TokenAudience } from './analystToken';
import type { PolicyOptions } from './policyFetch';
import { SecurityApiEndpoints, sendRequests } from './securityApis';
import { followMachineAction, lookUpDevices, MachineActionPolling } from './machineActions';
import { lookUpAccounts } from './accountLookup';
import type { LookupAnswer } from '../../core/actions/confirmation/confirmation';
import { isDefenderService, SERVICE_OF } from '../../core/actions/requests/services';

/** What sending confirmed actions needs from the app: the analyst's tokens and where the services are. */
export interface ActionCallSettings {
  readonly tokens: AnalystTokens;
  readonly endpoints: SecurityApiEndpoints;
  readonly policy?: PolicyOptions;
  /** The bot's own Graph token, for the one API that takes only an application permission (the email undo). */
  readonly appGraphToken?: () => Promise<string | undefined>;
  /** How long a device undo's machine action is followed. */
  readonly machineActions: MachineActionPolling;
}

/** One turn's token check: the hook the flow runner asks before saving an action as sending, and the token it found. */
export interface TokenCheck {
  readonly beforeSending: (requests: readonly OutgoingRequest[]) => Promise<string | undefined>;
  readonly token: () => string | undefined;
}

const audienceOf = (requests: readonly OutgoingRequest[]): TokenAudience => (requests[0] && isDefenderService(requests[0].service) ? 'defender' : 'graph');

/**
 * DIRECT_ACTIONS=on: a confirmed action is sent as the analyst, after the turn that confirmed it
 * answered (an invoke must be answered within seconds; a send with its retries may take longer).
 * The services' answer is saved with the analyst's state, takes the confirmation's place, and goes
 * on the thread's record when done.
 */
export class ConfirmedActions {
  constructor(
    private readonly settings: ActionCallSettings,
    private readonly runner: FlowRunner,
    private readonly record: RecordKeeper,
    private readonly afterReply: AfterReply,
    private readonly log: Logger,
  ) {}

  /** Asks for the analyst's token only when the turn confirms an action, and keeps it for the send. */
  tokenCheck(context: TurnContext): TokenCheck {
    let token: string | undefined;
    return {
      beforeSending: async (requests) => {
        const answer = await this.settings.tokens.tokenFor(context, audienceOf(requests));
        if (answer.kind === 'sign-in') return answer.text;
        token = answer.token;
        return undefined;
      },
      token: () => token,
    };
  }

  /**
   * Sends the action's requests once the click has its answer ("being sent"), so the result, which
   * replaces the card in `messageId`, can never arrive before it and be hidden behind it.
   */
  start(context: TurnContext, action: ActionToSend, token: string, messageId: string | undefined): void {
    const { kind } = action.pending.action;
    this.afterReply(context, async (later) => {
      try {
        const outcome = await this.outcomeOf(action, token);
        this.logOutcome(action, outcome);
        const { view, finished } = await this.runner.settle(later, action.pending, outcome);
        if (messageId) await replaceCard(later, messageId, cardFor(later.activity, view));
        if (finished) await this.record.note(later, finished);
      } catch (error) {
        // The confirmation stays "sending" until SEND_DEADLINE_MS, then shows that the outcome is not known.
        this.log.error({ action: kind, err: error instanceof Error ? error.name : 'unknown' }, 'a confirmed direct action could not be settled or shown');
      }
    });
  }

  /**
   * A lookup's answer (the devices a name fits, the accounts a SID does); or the action's requests sent,
   * and for a device undo its machine action followed until it ends.
   */
  private async outcomeOf({ pending, requests }: ActionToSend, token: string): Promise<ActionOutcome | LookupAnswer> {
    const { kind } = pending.action;
    const { endpoints, policy = {} } = this.settings;
    const [lookup] = requests;
    if (pending.stage === 'finding' && lookup) {
      return kind === 'enable-account' ? lookUpAccounts(lookup, token, endpoints, policy) : lookUpDevices(kind, lookup, token, endpoints, policy);
    }
    const sent = await sendRequests(kind, requests, { analyst: token, app: this.settings.appGraphToken }, endpoints, policy);
    return sent.kind === 'done' && SERVICE_OF[kind] === 'defender-machines' ? followMachineAction(sent, token, endpoints, this.settings.machineActions, policy) : sent;
  }

  /** The action, the outcome and the returned id: never the token, the item or the analyst's text. */
  private logOutcome(action: ActionToSend, outcome: ActionOutcome | LookupAnswer): void {
    const returnedId = outcome.kind === 'done' || (outcome.kind === 'failed' && outcome.returnedId) ? { returnedId: outcome.returnedId } : {};
    this.log.info({ action: action.pending.action.kind, outcome: outcome.kind, ...returnedId }, 'direct action sent');
  }
}
