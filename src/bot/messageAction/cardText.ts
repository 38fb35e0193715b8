/**
 * The words a card shows, for the evidence recogniser: alerts that other tools post into an
 * incident channel are usually Adaptive Cards (or older Office 365 connector cards), and Teams hands
 * their JSON to a message action as an attachment, with an empty HTML body beside it.
 */
import { ADAPTIVE_CARD_CONTENT_TYPE, CONNECTOR_CARD_CONTENT_TYPE } from '../../core/wireNames';

export const READABLE_CARD_TYPES: ReadonlySet<string> = new Set([ADAPTIVE_CARD_CONTENT_TYPE, CONNECTOR_CARD_CONTENT_TYPE]);

/**
 * Properties whose string values a reader sees: Adaptive Card text blocks, text runs and facts
 * (`title`, `value`), connector card sections (`activityTitle` ...) and facts (`name`, `value`).
 */
const SHOWN = new Set(['text', 'title', 'value', 'name', 'activityTitle', 'activitySubtitle', 'activityText']);

/**
 * Buttons and what a click opens are not what the alert says: a "Mark as false positive" button or a
 * portal link would read as evidence. `fallback` repeats an element for older clients.
 */
const NOT_SHOWN = new Set(['actions', 'selectAction', 'potentialAction', 'fallback']);

/** A card JSON is walked this far at most, however it is nested or repeated. */
const MAX_NODES = 5_000;

/** The shown text of a card given as an object or as its JSON (as Teams sends it), within `maxLength`; '' for anything else. */
export function cardText(content: unknown, maxLength: number): string {
  const root = typeof content === 'string' ? parseJson(content) : content;
  const parts: string[] = [];
  let length = 0;
  // Depth-first with an explicit stack, so a card nested thousands deep cannot overflow the call stack.
  const pending: unknown[] = [root];
  for (let visited = 0; pending.length > 0 && visited < MAX_NODES && length < maxLength; visited++) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) pending.push(node[i]);
    } else if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node).filter(([key]) => !NOT_SHOWN.has(key));
      // An element's own text first, then what it contains, each in the order the card gives.
      for (const [key, value] of entries) {
        if (typeof value === 'string' && SHOWN.has(key)) {
          parts.push(value);
          length += value.length + 1;
        }
      }
      for (let i = entries.length - 1; i >= 0; i--) {
        if (typeof entries[i][1] === 'object') pending.push(entries[i][1]);
      }
    }
  }
  return parts.join(' ').slice(0, maxLength);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
