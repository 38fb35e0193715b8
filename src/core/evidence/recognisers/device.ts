import { capDisplay, escapeMarkdown } from '../defanging/display';

// Words after which an analyst names a device: "device LAPTOP-42", "on host WS-123", "hostname: SRV01".
const CUES = new Set([
  'device', 'devices', 'devicename', 'host', 'hosts', 'hostname', 'machine', 'laptop', 'workstation',
  'server', 'endpoint', 'computer', 'computername', 'pc', 'desktop', 'vm',
]);
// Words that may sit between the cue and the name: "device named X", "device name: X".
const FILLERS = new Set(['name', 'named', 'called', 'id', 'is', '=', '-']);
const HOSTNAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
// Default and common naming schemes (DESKTOP-7G3K2LM, WS-123, SRV01) recognised without a cue word,
// at the start of a name or as one part of a longer one (FIN-LAPTOP-07, HR_PC_12).
const NAMING_WORDS = 'laptop|desktop|ws|wks|pc|srv|server|host|win|vm|nb|dc';
const NAMING_PREFIX = new RegExp(`^(?:${NAMING_WORDS})[-_]?`, 'i');
const NAMING_PART = new RegExp(`^(?:${NAMING_WORDS})$`, 'i');

/**
 * Device names, by token index. `taken` tells which tokens are already other evidence, so
 * "host 10.0.0.5" stays an IP address.
 */
export function findDeviceNames(tokens: readonly string[], taken: (index: number) => boolean): Map<number, string> {
  const found = new Map<number, string>();
  const add = (index: number, name: string): void => {
    if (!taken(index) && looksLikeName(name)) found.set(index, capDisplay(escapeMarkdown(name)));
  };
  tokens.forEach((token, i) => {
    const inline = /[:=]/.exec(token);
    if (inline !== null && CUES.has(token.slice(0, inline.index).toLowerCase())) {
      add(i, withoutPossessive(token.slice(inline.index + 1)));
    } else if (CUES.has(token.toLowerCase())) {
      let next = i + 1;
      while (next < tokens.length && next <= i + 2 && FILLERS.has((tokens[next] ?? '').toLowerCase())) next++;
      const candidate = tokens[next];
      if (candidate !== undefined) add(next, withoutPossessive(candidate));
    } else if (isConventionalName(token)) {
      add(i, token);
    }
  });
  return found;
}

function withoutPossessive(name: string): string {
  // A straight or curly (U+2019, escaped: see scripts/bundle.ts on ASCII) apostrophe.
  return name.replace(/['\u2019]s$/, '');
}

/** A host name with a digit, a separator, or in capitals: "yesterday" after "laptop" is not one. */
function looksLikeName(name: string): boolean {
  if (!HOSTNAME.test(name) || !/[A-Za-z]/.test(name)) return false;
  return /[\d_-]/.test(name) || (name.length >= 3 && name === name.toUpperCase());
}

function isConventionalName(token: string): boolean {
  if (token !== token.toUpperCase() || !HOSTNAME.test(token)) return false;
  const prefix = NAMING_PREFIX.exec(token);
  if (prefix !== null) return /\d/.test(token.slice(prefix[0].length));
  const parts = token.split(/[-_]/);
  return parts.length > 1 && parts.some((part) => NAMING_PART.test(part)) && /\d/.test(token);
}
