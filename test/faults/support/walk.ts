import { UNDO_STEP_COUNT } from '../../../src/core/content';
import { Json, textOf } from '../../../tools/cardReader';
import { AnalystChat, CardOnScreen } from './analystChat';

/** Reading the undo walk-through off its cards, and walking it, as an analyst would. */

const PROGRESS = new RegExp(`^Step (\\d+) of ${UNDO_STEP_COUNT}$`, 'm');
export const DEVICE = 'A device';
export const EMAIL = 'Email (the entity is a mailbox)';

/** The step a card shows (0: the permissions card); undefined for any other card. */
export function stepOf(card: Json): number | undefined {
  const progress = PROGRESS.exec(textOf(card));
  if (progress) return Number(progress[1]);
  return textOf(card).includes('check your permissions first') ? 0 : undefined;
}

/** The warning line above a card (an out-of-date click, a reset), if any. */
export function noticeOf(card: Json): string | undefined {
  const first = (card.body as Json[])[0];
  return first.color === 'Warning' ? String(first.text) : undefined;
}

/** Starts an undo walk-through and clicks through to `step`, choosing `branch` at step 4 on the way. */
export async function walkTo(chat: AnalystChat, botUrl: string, step: number, branch = DEVICE): Promise<CardOnScreen> {
  let onScreen = await chat.sayForCard(botUrl, 'undo');
  if (step === 0) return onScreen;
  onScreen = await chat.clickForCard(botUrl, onScreen, 'I have them, continue');
  while (stepOf(onScreen.card)! < step) {
    if (stepOf(onScreen.card) === 4) onScreen = await chat.clickForCard(botUrl, onScreen, branch);
    onScreen = await chat.clickForCard(botUrl, onScreen, 'Next');
  }
  return onScreen;
}

/** Where the bot says the analyst is: the reminder on its help card (undefined when nothing is running). */
export async function reminderOf(chat: AnalystChat, botUrl: string): Promise<string | undefined> {
  return noticeOf((await chat.sayForCard(botUrl, 'help')).card);
}

export const atStep = (step: number): string => `You still have the undo walk-through (at step ${step} of ${UNDO_STEP_COUNT}) open; its card still works.`;

export const outOfDate = (step: number): string => `That card was out of date. You are at step ${step} of ${UNDO_STEP_COUNT}.`;
