import type { CueHit } from './cues';

// "RE:", "FW:" or "Fwd:" opening the message: a pasted email subject line.
const SUBJECT_PREFIX = /^\s*(?:re|fw|fwd)\s?:/i;
// A quoted title; the closing quote is excluded from the run, so each quote starts at most one short scan.
const QUOTED_TITLE = /["“][^"“”\n]{3,150}["”]/;

/**
 * An email's subject line, pasted as analysts do: after RE: or FW:, or in quotes. A quoted title in
 * a message about an alert is the alert's name instead, so `aboutAlert` turns the quotes off.
 */
export function subjectLineCue(text: string, aboutAlert: boolean): CueHit | undefined {
  if (SUBJECT_PREFIX.test(text)) return { cue: 'mail', phrase: 'a subject line' };
  return !aboutAlert && QUOTED_TITLE.test(text) ? { cue: 'mail', phrase: 'a quoted subject line' } : undefined;
}
