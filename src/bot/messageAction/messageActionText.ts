import { MessageActionsPayload } from 'botbuilder-core';
import { cardText, READABLE_CARD_TYPES } from './cardText';
import { MAX_TEXT_LENGTH } from '../turns';

const BLOCK_TAG = /^\/?(?:p|div|br|li|ul|ol|tr|td|th|table|h[1-6]|blockquote|pre|hr)(?:[\s/]|$)/i;
/** `/blockquote` and the character after it: all BLOCK_TAG ever needs to see of a tag. */
const LONGEST_BLOCK_TAG = 13;

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;
const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * The words a Teams message shows, from the HTML of its body, for the evidence recogniser. Tags are
 * dropped (block tags leave a space so words do not run together), entities decoded once. One pass
 * with indexOf rather than a tag pattern: `<[^>]*>` would rescan to the end after every `<` of an
 * unclosed run and take quadratic time.
 */
export function visibleText(html: string): string {
  const source = html.slice(0, MAX_TEXT_LENGTH);
  const parts: string[] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('<', at);
    if (open === -1) {
      parts.push(source.slice(at));
      break;
    }
    parts.push(source.slice(at, open));
    const close = source.indexOf('>', open + 1);
    // An unclosed tag is where the body was cut: nothing after it is text.
    if (close === -1) break;
    if (BLOCK_TAG.test(source.slice(open + 1, Math.min(close, open + LONGEST_BLOCK_TAG)))) parts.push(' ');
    at = close + 1;
  }
  return decodeEntities(parts.join('')).replace(/\s+/g, ' ').trim();
}

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (_entity, decimal?: string, hex?: string, name?: string) => {
    if (name) return NAMED_ENTITIES[name.toLowerCase()];
    const code = decimal ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
    const isCharacter = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return isCharacter ? String.fromCodePoint(code) : REPLACEMENT_CHARACTER;
  });
}

/**
 * The text of the message an analyst picked the action on: its body (HTML as Teams sends it, rarely
 * plain text), then what its cards show, since tools post their alerts as cards.
 */
export function selectedMessageText(payload: MessageActionsPayload | undefined): string {
  const attachments = Array.isArray(payload?.attachments) ? payload.attachments : [];
  const cards = attachments.filter((attachment) => READABLE_CARD_TYPES.has(attachment?.contentType ?? ''));
  const text = [bodyText(payload?.body), ...cards.map((card) => cardText(card.content, MAX_TEXT_LENGTH))].filter((part) => part !== '').join(' ');
  return text.slice(0, MAX_TEXT_LENGTH);
}

function bodyText(body: MessageActionsPayload['body']): string {
  if (typeof body?.content !== 'string') return '';
  return body.contentType === 'text' ? body.content.slice(0, MAX_TEXT_LENGTH) : visibleText(body.content);
}
