import { Activity } from 'botbuilder-core';
import type { Actor } from '../../core/actions/turn/actionTurn';
import { displayName } from '../../core/evidence/defanging/displayName';
import { plainName } from '../../core/recordEntry';

const TEAMS = 'https://teams.microsoft.com/l';
const MAX_THREAD_NAME = 80;

/**
 * Who clicked and where, read from the activity Teams sent (never from card data): the analyst's
 * name, the thread's name, and a link to the thread for the alert comment and the indicator's description.
 */
export function actorOf(activity: Partial<Activity>): Actor {
  const conversation = activity.conversation;
  const id = conversation?.id ?? '';
  const [threadId = '', messageId] = id.split(';messageid=');
  const threadUrl = messageId
    ? `${TEAMS}/message/${encodeURIComponent(threadId)}/${encodeURIComponent(messageId)}`
    : `${TEAMS}/chat/${encodeURIComponent(threadId)}/conversations`;
  const named = displayName(conversation?.name, MAX_THREAD_NAME);
  const threadName = named || (conversation?.conversationType === 'personal' ? 'a personal chat with the bot' : 'a Teams chat');
  return { analyst: plainName(activity.from?.name), threadName, threadUrl };
}
