import type { CueHit } from '../phrasing/cues';

// "RE:", "FW:" or "Fwd:" opening the message: a pasted email subject line.
const SUBJECT_PREFIX = /^\s*(?:re|fw|fwd)\s?:/i;
// A quoted title, in straight or curly quotes (U+201C, U+201D, escaped: see scripts/bundle.ts on ASCII); the
// closing quote is excluded from the run, so each quote starts at most one short scan.
const QUOTED_TITLE = /["\u201c][^"\u201c\u201d\n]{3,150}["\u201d]/;

/**
 * An email's subject line, pasted as analysts do: after RE: or FW:, or in quotes. A quoted title in
 * a message about an alert is the alert's name instead, so `aboutAlert` turns the quotes off.
 */
export function subjectLineCue(text: string, aboutAlert: boolean): CueHit | undefined {
  if (SUBJECT_PREFIX.test(text)) return { cue: 'mail', phrase: 'a subject line' };
  return !aboutAlert && QUOTED_TITLE.test(text) ? { cue: 'mail', phrase: 'a quoted subject line' } : undefined;
}
