import { capDisplay, defangDomain, defangIpv6, defangUrlTail } from '../defanging/display';
import { parseDomain } from './domain';
import { parseIpv4, parseIpv6 } from './ip';
import type { Finding } from '../finding';

const PORT = /^(?::\d{1,5})?$/;
const validPort = (port: string): boolean => PORT.test(port) && Number(port.slice(1)) <= 65_535;

/**
 * An http(s) URL, or a schemeless `host/path` such as `evil.com/login`, as a defanged finding.
 * Credentials before `@` are dropped: they are never worth echoing. A bare host without a path
 * is left to the domain parser.
 */
export function parseUrl(value: string, defanged: boolean): Finding | null {
  const lower = value.toLowerCase();
  const sep = lower.indexOf('://');
  let scheme = '';
  let rest = value;
  if (sep >= 0) {
    // The scheme may follow other text, as in a Markdown link `[here](https://...)`.
    if (lower.startsWith('https', sep - 5)) scheme = 'hxxps://';
    else if (lower.startsWith('http', sep - 4)) scheme = 'hxxp://';
    else return null;
    rest = value.slice(sep + 3);
  }
  const end = authorityEnd(rest);
  const tail = rest.slice(end);
  if (scheme === '' && tail === '') return null;
  const host = parseHost(rest.slice(0, end), scheme !== '' || defanged);
  if (host === null) return null;
  return { kind: 'url', display: capDisplay(scheme + host + defangUrlTail(tail)) };
}

function authorityEnd(rest: string): number {
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charAt(i);
    if (c === '/' || c === '?' || c === '#') return i;
  }
  return rest.length;
}

/** `user@host:port` -> defanged `host:port`, or null when the host is not a domain or an IP. */
function parseHost(authority: string, anyTld: boolean): string | null {
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    const ip = close > 0 ? parseIpv6(hostPort.slice(1, close)) : null;
    const port = hostPort.slice(close + 1);
    return ip !== null && validPort(port) ? `[${defangIpv6(ip)}]${port}` : null;
  }
  const colon = hostPort.lastIndexOf(':');
  const host = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
  const port = colon >= 0 ? hostPort.slice(colon) : '';
  if (!validPort(port)) return null;
  const name = parseIpv4(host) ?? parseDomain(host, anyTld);
  return name === null ? null : defangDomain(name) + port;
}
