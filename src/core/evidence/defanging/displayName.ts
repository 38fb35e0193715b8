/**
 * A person's or a thread's name as the bot shows it (record card, copy for the ticket, replies, the
 * comment an action leaves in Defender), from whatever Teams or a forger sent. Names are written in
 * every script, so letters keep their combining marks (Devanagari vowel signs, Vietnamese tones,
 * Thai vowels, Arabic and Hebrew points) and the result is NFC (decomposed Hangul becomes syllables).
 * What goes: characters that hide or reorder text (bidi controls, zero-width and other format
 * characters, control characters, lone surrogates), anything a card would read as markup or
 * a template, and symbols. Emoji stay only as whole sequences. Dots between two characters are
 * defanged as evidence is (`evil[.]com`), so nothing in a name can become a link.
 */

/** A grapheme is kept whole when it is one of Unicode's emoji (ZWJ sequences, flags, skin tones, keycaps). */
const EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');
/** What every emoji has in it: the full emoji test is costly, so only graphemes with one of these take it. */
const MAY_BE_EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u20E3]/u;
/** The keycaps of `*` and `#` would read as card markup. */
const MARKUP_KEYCAP = /[*#]/;
/** Line breaks, tabs and the other spaces read as one space. */
const SPACES = /[\t\n\v\f\r\u2028\u2029\p{Zs}]+/gu;
const SPACE = new RegExp(`^${SPACES.source}$`, 'u');
/** A grapheme of one character that is kept as it is. */
const NAME_CHARACTER = /^[\p{L}\p{N} .'\u2019-]$/u;
/** The first character that is an emoji on its own (WATCH): no one-character grapheme below it is one. */
const FIRST_EMOJI_CHARACTER = '\u231A';
/** Format (bidi, zero-width, tags...), control and lone surrogate code points: never shown. */
const HIDDEN = /[\p{Cf}\p{Cc}\p{Cs}]/gu;
/** Of any other grapheme only these stay: letters with their marks, digits, space and the punctuation names use. */
const NOT_NAME = /[^\p{L}\p{M}\p{N} .'\u2019-]/gu;
const MARK = /^\p{M}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Scripts stack a few marks on a letter; dozens (Zalgo text) would spill over the lines around it. */
const MAX_MARKS_PER_LETTER = 8;
const INNER_DOT = /(?<=[^ .])\.(?=[^ .])/gu;
/**
 * Names already as they would come out (words of letters with a few marks each, single spaces, no
 * dot, NFC) skip the grapheme walk: the common case, on every turn.
 */
const WORD = `(?:[\\p{L}\\p{N}]\\p{M}{0,${MAX_MARKS_PER_LETTER}}|['\\u2019-])+`;
const SHOWN_AS_IS = new RegExp(`^${WORD}(?: ${WORD})*$`, 'u');

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** What is kept of one grapheme: all of an emoji, the name characters of anything else, or nothing. */
function keptOf(grapheme: string): string {
  // Most graphemes are one character: no emoji, no marks to count.
  if (grapheme.length === 1 && grapheme < FIRST_EMOJI_CHARACTER) return NAME_CHARACTER.test(grapheme) ? grapheme : SPACE.test(grapheme) ? ' ' : '';
  if (MAY_BE_EMOJI.test(grapheme) && EMOJI.test(grapheme)) return MARKUP_KEYCAP.test(grapheme) ? '' : grapheme;
  const [first, ...rest] = grapheme.replace(SPACES, ' ').replace(HIDDEN, '').replace(NOT_NAME, '');
  if (first === undefined) return '';
  // Marks whose letter was removed would land on the character before them.
  if (MARK.test(first)) return '';
  // Only letters and digits carry marks: on a space or a dot they would sit on whatever comes next to it.
  if (!LETTER_OR_DIGIT.test(first)) return first;
  let kept = first;
  let marks = 0;
  for (const c of rest) {
    if (!MARK.test(c)) marks = 0;
    else if (++marks > MAX_MARKS_PER_LETTER) continue;
    kept += c;
  }
  return kept;
}

/**
 * `raw` as a name of at most `maxChars` characters, never cutting a letter from its marks or an emoji
 * in half; '' when nothing of it can be shown (the caller says who instead).
 */
export function displayName(raw: unknown, maxChars: number): string {
  if (typeof raw !== 'string') return '';
  if (raw.length <= maxChars && SHOWN_AS_IS.test(raw) && raw === raw.normalize('NFC')) return raw;
  // Only the start is read; a grapheme the cut may have split is dropped with it.
  const read = raw.slice(0, maxChars * 4);
  const segments = [...graphemes.segment(read.normalize('NFC'))];
  if (read.length < raw.length) segments.pop();
  const kept: string[] = [];
  let length = 0;
  for (const { segment } of segments) {
    const piece = keptOf(segment);
    if (piece === '' || (piece === ' ' && (kept.length === 0 || kept.at(-1) === ' '))) continue;
    if (length + piece.length > maxChars) break;
    kept.push(piece);
    length += piece.length;
  }
  const name = shown(kept);
  if (name.length <= maxChars) return name;
  // Defanging lengthened it: the most whole graphemes from the start that fit once defanged (the length only grows with each).
  let [fit, over] = [0, kept.length];
  while (over - fit > 1) {
    const middle = (fit + over) >> 1;
    if (shown(kept.slice(0, middle)).length <= maxChars) fit = middle;
    else over = middle;
  }
  return shown(kept.slice(0, fit));
}

/** Kept graphemes as shown: NFC (removing what sat between a letter and its marks can leave them to compose), dots defanged. */
const shown = (kept: readonly string[]): string => kept.join('').normalize('NFC').trim().replace(INNER_DOT, '[.]');
