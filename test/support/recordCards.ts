import { Activity } from 'botbuilder';
import { Json, titleOf } from '../../tools/cardReader';

/** The record card a thread gets when an analyst finishes something there, told apart from the bot's other posts. */

const RECORD_TITLES = ['Incident record', 'Your recent entries'];

export const isRecordCard = (activity: Partial<Activity>): boolean => {
  const content = activity.attachments?.[0]?.content as Json | undefined;
  return content !== undefined && RECORD_TITLES.includes(titleOf(content));
};

/** What a turn posted besides the thread's record card. */
export const besidesRecord = (posted: readonly Partial<Activity>[]): Partial<Activity>[] => posted.filter((activity) => !isRecordCard(activity));
