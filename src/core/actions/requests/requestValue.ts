import type { Evidence } from '../../evidence';
import { parseDomain } from '../../evidence/recognisers/domain';
import { parseIpv4, parseIpv6 } from '../../evidence/recognisers/ip';
import { DEVICE_ID, GUID, SID } from '../../evidence/recognisers/ids';
import { refang } from '../../evidence/defanging/refang';

/** Markdown escapes the display adds (`\_`), undone before the value leaves the bot. */
export const MARKDOWN_ESCAPE = /\\(.)/g;
const HEX_LENGTH: Readonly<Partial<Record<Evidence['kind'], number>>> = { md5: 32, sha1: 40, sha256: 64 };

/**
 * The live value of a piece of evidence, for a request body only (never shown): its display
 * refanged, then checked again for its kind, so a display that does not refang to something
 * valid is refused rather than sent. Null when it does not fit.
 */
export function requestValue(evidence: Evidence): string | null {
  const value = refang(evidence.display.replace(MARKDOWN_ESCAPE, '$1'));
  switch (evidence.kind) {
    case 'url':
      return liveUrl(value);
    case 'domain':
      return parseDomain(value, true);
    case 'ipv4':
      return parseIpv4(value);
    case 'ipv6':
      return parseIpv6(value);
    case 'md5':
    case 'sha1':
    case 'sha256':
      return value.length === HEX_LENGTH[evidence.kind] && /^[0-9a-f]+$/i.test(value) ? value.toLowerCase() : null;
    case 'email':
      return /^[^\s@]{1,64}@[^\s@]{1,253}$/.test(value) ? value : null;
    case 'mdeDeviceId':
      return DEVICE_ID.test(value) ? value.toLowerCase() : null;
    case 'networkMessageId':
      return GUID.test(value) ? value.toLowerCase() : null;
    case 'userSid':
      return SID.test(value) ? value.toUpperCase() : null;
    case 'file':
    case 'device':
      return null;
  }
}

/** An http(s) URL with a host, written as the WHATWG parser normalises it; a shortened (`…`) display never fits. */
function liveUrl(value: string): string | null {
  if (value.includes('…')) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' ? url.href : null;
  } catch {
    return null;
  }
}
