import { KNOWN_TLDS } from './tlds';

const LABEL = /^[a-z0-9-]{1,63}$/;
const ALPHA_TLD = /^[a-z]{2,24}$/;
const PUNYCODE_TLD = /^xn--[a-z0-9-]{1,59}$/;

/**
 * A host name such as `evil.com`, lower-cased, or null. `anyTld` is set when the writer showed
 * intent (defanged it, gave a scheme or an `@`); otherwise the TLD must be a known one, written
 * in one case, so a sentence missing a space (`clean.It`) is not read as a domain.
 */
export function parseDomain(value: string, anyTld: boolean): string | null {
  if (value.length > 253) return null;
  const domain = value.toLowerCase();
  const labels = domain.split('.');
  if (labels.length < 2) return null;
  if (!labels.every((l) => LABEL.test(l) && !l.startsWith('-') && !l.endsWith('-'))) return null;
  const tld = labels.at(-1) ?? '';
  if (PUNYCODE_TLD.test(tld)) return domain;
  if (!ALPHA_TLD.test(tld)) return null;
  if (anyTld) return domain;
  const written = value.slice(value.length - tld.length);
  const oneCase = written === tld || written === tld.toUpperCase();
  return oneCase && KNOWN_TLDS.has(tld) ? domain : null;
}
