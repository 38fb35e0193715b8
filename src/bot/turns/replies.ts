import { displayName } from '../../core/evidence/defanging/displayName';
import { MAX_NAME_CHARS } from '../../core/recordEntry';

/** Plain-text answers that are not cards. */

/** The owner's display name is shown as plain words only: no markup or link survives. */
export const foreignCardReply = (ownerName: string): string =>
  `This walk-through belongs to ${displayName(ownerName, MAX_NAME_CHARS) || 'another analyst'}. Mention me with report, adjust or undo to start your own.`;

export const STORAGE_DOWN_REPLY = 'I could not reach my storage just now, so nothing changed. Please try again in a moment.';

export const STORAGE_BUSY_REPLY = 'My storage is busy just now, so nothing changed. Please try again in a moment.';

/** A card whose owner the bot has no record of (kept 72 hours by default, or never noted): nobody may move it. */
export const UNKNOWN_CARD_REPLY =
  'I no longer know whose card this is, so I left it as it is. To carry on, send me report, adjust or undo again for a fresh card.';

export const ALREADY_HANDLED_REPLY = 'That click was already handled.';

/**
 * A problem can quote a field name the click made up, so only letters, digits, spaces and quotes
 * of it are shown: nothing of it can read as a link, an address or markup.
 */
const INERT_PROBLEM = /[^\p{L}\p{N} "',-]/gu;

export const refusedClickReply = (problem: string): string =>
  `I could not use that button: ${problem.replace(INERT_PROBLEM, '')}. Nothing was changed; type help to see what I can do.`;
