import { MessagingExtensionActionResponse } from 'botbuilder-core';
import { AdaptiveCard } from '../../core/cards/templates';
import { cardAttachment } from '../delivery';

/** The dialog's title: the name of the action in the message's menu (manifest command reportFalsePositiveNegative). */
const DIALOG_TITLE = 'Report false positive/negative';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Dialogs take only `Action.Submit`: each `Action.Execute` gives way to the Submit fallback it
 * carries, whose data is the same, so a click in the dialog arrives as its submitAction.
 */
function submitOnly(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(submitOnly);
  if (!isRecord(node)) return node;
  if (node.type === 'Action.Execute' && isRecord(node.fallback)) return node.fallback;
  // Button data is the click's payload, never card structure.
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === 'data' ? value : submitOnly(value)]));
}

/** Shows the card in the dialog, opening it or replacing what it showed. */
export const dialogWithCard = (card: AdaptiveCard): MessagingExtensionActionResponse => ({
  task: { type: 'continue', value: { title: DIALOG_TITLE, card: cardAttachment(submitOnly(card) as AdaptiveCard) } },
});

/** Replaces the dialog with a short message the analyst dismisses. */
export const dialogWithMessage = (text: string): MessagingExtensionActionResponse => ({ task: { type: 'message', value: text } });

/** An empty answer closes the dialog. */
export const closedDialog = (): MessagingExtensionActionResponse => ({});
