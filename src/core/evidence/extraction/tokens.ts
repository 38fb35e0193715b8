import { MAX_TOKEN_CHARS } from '../limits';

// Characters that never occur inside anything we extract; splitting on them (one character class,
// one quantifier) is linear. Backslash splits Windows paths so the file name stands alone.
const SEPARATORS = /[\s<>"`|\\,]+/;
const LEADING = new Set(['(', '[', '{', '*', '_', '~', "'", '‘', '“', '.', ':', ';', '!', '?']);
const TRAILING = new Set([')', ']', '}', '*', '_', '~', "'", '’', '”', '.', ',', ':', ';', '!', '?']);

/** Splits text into pieces and trims the punctuation prose wraps around them. */
export function tokenise(text: string): string[] {
  const tokens: string[] = [];
  for (const piece of text.split(SEPARATORS)) {
    if (piece.length > MAX_TOKEN_CHARS) continue;
    const token = trim(piece);
    if (token.length > 0) tokens.push(token);
  }
  return tokens;
}

function trim(piece: string): string {
  let start = 0;
  let end = piece.length;
  while (start < end && LEADING.has(piece.charAt(start))) start++;
  while (end > start && TRAILING.has(piece.charAt(end - 1))) end--;
  return piece.slice(start, end);
}
