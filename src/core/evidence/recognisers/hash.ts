import type { Finding } from '../finding';

// One class, one quantifier: each run is consumed once, so the scan is linear.
const HEX_RUN = /[0-9a-f]+/gi;
const WORD_CHAR = /^[A-Za-z0-9_]$/;
const KIND_BY_LENGTH: ReadonlyMap<number, Finding['kind']> = new Map([
  [32, 'md5'],
  [40, 'sha1'],
  [64, 'sha256'],
]);

/**
 * MD5, SHA-1 and SHA-256 hex digests standing alone or after a label (`sha256:...`). A digest
 * holds both digits and letters; requiring both keeps long numbers and words out.
 */
export function findHashes(value: string): Finding[] {
  const found: Finding[] = [];
  for (const match of value.matchAll(HEX_RUN)) {
    const run = match[0];
    const kind = KIND_BY_LENGTH.get(run.length);
    if (kind === undefined || !/\d/.test(run) || !/[a-f]/i.test(run)) continue;
    const before = value.charAt(match.index - 1);
    const after = value.charAt(match.index + run.length);
    if (WORD_CHAR.test(before) || WORD_CHAR.test(after)) continue;
    found.push({ kind, display: run.toLowerCase() });
  }
  return found;
}
