import type { Finding } from '../finding';

/**
 * Defender's ids for what AIR acted on, when the analyst labels them: "device id 1e5b...", "machine
 * id: 1e5b...", "NetworkMessageId 73ca4154-...". A device id has the shape of a SHA-1, so only its
 * label tells them apart; a network message id is a GUID, which nothing else here takes. An account's
 * SID (S-1-5-21-...) has a shape of its own and needs no label.
 */
/** A Windows security identifier: S-1-, an authority, then up to 14 sub-authorities. */
export const SID = /^S-1-\d{1,13}(?:-\d{1,10}){1,14}$/i;
/** A Defender for Endpoint device id: 40 hex digits. */
export const DEVICE_ID = /^[0-9a-f]{40}$/i;
/** A GUID, as Defender writes network message ids (and Entra its object ids). */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEVICE_LABELS = new Set(['mdedeviceid', 'deviceid', 'machineid', 'device id', 'machine id']);
const MESSAGE_LABELS = new Set(['networkmessageid', 'network message id', 'message id', 'messageid']);
/** Words that may sit between a label and its id: "device id is ...", "message id = ...". */
const FILLERS = new Set(['is', '=', ':', '-', 'was']);

const labelOf = (words: readonly string[]): string => words.join(' ').toLowerCase().replace(/[:=]+$/, '');

/** Labelled ids by token index; a labelled device id takes the place of the SHA-1 its digits also fit. */
export function findLabelledIds(tokens: readonly string[]): Map<number, Finding> {
  const found = new Map<number, Finding>();
  tokens.forEach((token, i) => {
    if (SID.test(token)) return void found.set(i, { kind: 'userSid', display: token.toUpperCase() });
    const inline = /^([A-Za-z]+)[:=](.+)$/.exec(token);
    const id = inline ? idFor([inline[1] ?? ''], inline[2] ?? '') : idFor(wordsBefore(tokens, i), token);
    if (id) found.set(i, id);
  });
  return found;
}

/** Up to three words before token `i`, fillers skipped. */
function wordsBefore(tokens: readonly string[], i: number): string[] {
  let end = i;
  while (end > 0 && FILLERS.has((tokens[end - 1] ?? '').toLowerCase())) end--;
  return tokens.slice(Math.max(0, end - 3), end);
}

/** The id `value` is, if the words before it (their last one, two or three) label it so. */
function idFor(words: readonly string[], value: string): Finding | undefined {
  const device = DEVICE_ID.test(value);
  if (!device && !GUID.test(value)) return undefined;
  const labels = device ? DEVICE_LABELS : MESSAGE_LABELS;
  const labelled = [1, 2, 3].some((n) => words.length >= n && labels.has(labelOf(words.slice(-n))));
  if (!labelled) return undefined;
  return { kind: device ? 'mdeDeviceId' : 'networkMessageId', display: value.toLowerCase() };
}
