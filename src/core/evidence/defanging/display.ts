import { MAX_DISPLAY_CHARS } from '../limits';

// Characters Markdown or an Adaptive Card would read as formatting or links. Angle brackets are
// dropped rather than escaped so no `<` ever reaches a renderer.
const MARKDOWN = /[\\`*_~|#[\]()<>]/g;
// Characters a URL path or query may keep as they are; anything else is percent-encoded.
const URL_SAFE = /^[A-Za-z0-9\-/?=&%+,;!$]$/;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN, (c) => (c === '<' || c === '>' ? '' : `\\${c}`));
}

export function defangDomain(domain: string): string {
  return domain.split('.').join('[.]');
}

/** `10.0.0.1` -> `10.0.0[.]1`: one mark is enough to stop auto-linking and keeps it readable. */
export function defangIpv4(ip: string): string {
  const dot = ip.lastIndexOf('.');
  return `${ip.slice(0, dot)}[.]${ip.slice(dot + 1)}`;
}

export function defangIpv6(ip: string): string {
  return ip.split(':').join('[:]');
}

export function defangEmail(local: string, domain: string): string {
  return `${escapeMarkdown(local)}[@]${defangDomain(domain)}`;
}

/**
 * Path, query and fragment of a URL: dots defanged (so nothing inside reads as a domain) and
 * every other risky character percent-encoded, including `:` so no nested scheme stays live.
 */
export function defangUrlTail(tail: string): string {
  let out = '';
  for (const c of tail) {
    if (c === '.') out += '[.]';
    else if (URL_SAFE.test(c)) out += c;
    else out += percentEncode(c);
  }
  return out;
}

function percentEncode(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x80) return `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
  // A lone surrogate cannot be encoded; show the replacement character instead.
  return code >= 0xd800 && code <= 0xdfff ? '%EF%BF%BD' : encodeURIComponent(c);
}

/** Shortens a display without leaving half an escape or half a defang mark at the end. */
export function capDisplay(display: string): string {
  if (display.length <= MAX_DISPLAY_CHARS) return display;
  const cut = display.slice(0, MAX_DISPLAY_CHARS - 1).replace(/(?:\\|\[[.:@]?|%[0-9A-F]?)$/, '');
  return `${cut}…`;
}
