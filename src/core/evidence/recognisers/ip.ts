const OCTET = /^\d{1,3}$/;
const HEXTET = /^[0-9a-f]{1,4}$/i;
const IPV6_CHARS = /^[0-9a-f:]+$/i;

/** `10.0.0.1` -> canonical form, or null. Version numbers rarely pass: every part must be 0-255. */
export function parseIpv4(value: string): string | null {
  const parts = value.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number).join('.');
}

/**
 * Full or `::`-compressed IPv6, lower-cased, or null. At least two groups and a digit, so
 * prose such as `a::b` or a C++ scope does not count; times and MAC addresses never have `::`
 * and never eight groups.
 */
export function parseIpv6(value: string): string | null {
  if (value.length > 39 || !IPV6_CHARS.test(value) || !/\d/.test(value)) return null;
  const halves = value.split('::');
  if (halves.length > 2) return null;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (groups.length < 2 || !groups.every((g) => HEXTET.test(g))) return null;
  const complete = halves.length === 2 ? groups.length <= 7 : groups.length === 8;
  return complete ? value.toLowerCase() : null;
}
