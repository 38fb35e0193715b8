import { Activity, ActivityTypes } from 'botbuilder-core';
import type { TurnSummary } from '../../ops/turnScope';
import { parseCardAction } from '../../core/cardActions';
import { parseCommand } from '../../core/commands';
import { CARD_ACTION_INVOKE } from '../../core/wireNames';
import { cleanText } from './incoming';

const KNOWN_TYPES: readonly string[] = Object.values(ActivityTypes);
/** Invoke names are client-chosen: logged only when they look like one (short, no spaces or markup). */
const INVOKE_NAME = /^[A-Za-z0-9/._-]{1,60}$/;

function cardClick(data: unknown): Pick<TurnSummary, 'command' | 'verb'> {
  const parsed = parseCardAction(data);
  if (!parsed.ok) return { verb: 'invalid' };
  const { action } = parsed;
  return action.verb === 'command' ? { verb: action.verb, command: action.command } : { verb: action.verb };
}

function typedCommand(activity: Activity): Pick<TurnSummary, 'command'> {
  return { command: parseCommand(cleanText(activity)) ?? 'none' };
}

/**
 * What an authenticated turn asked for, for its log line. What the analyst typed and what a client
 * sent in free fields are never copied. Not worked out before the token is checked: reading text
 * costs more than refusing a token.
 */
export function summariseTurn(activity: Activity): TurnSummary {
  const activityType = KNOWN_TYPES.includes(activity.type) ? activity.type : 'other';
  if (activity.type === ActivityTypes.Message) {
    const isSubmit = activity.value !== undefined && activity.value !== null;
    return { activityType, ...(isSubmit ? cardClick(activity.value) : typedCommand(activity)) };
  }
  if (activity.type !== ActivityTypes.Invoke) return { activityType };
  const invokeName = typeof activity.name === 'string' && INVOKE_NAME.test(activity.name) ? activity.name : 'other';
  if (invokeName !== CARD_ACTION_INVOKE) return { activityType, invokeName };
  const action = (activity.value as { action?: { data?: unknown } } | undefined)?.action;
  return { activityType, invokeName, ...cardClick(action?.data) };
}
