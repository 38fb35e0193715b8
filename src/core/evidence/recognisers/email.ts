import { capDisplay, defangEmail } from '../defanging/display';
import { parseDomain } from './domain';
import type { Finding } from '../finding';

const LOCAL_PART = /^[A-Za-z0-9._%+-]{1,64}$/;

/** `user@contoso.com` (or `mailto:`) -> `user[@]contoso[.]com`. A lone `@mention` is not an address. */
export function parseEmail(value: string): Finding | null {
  const address = value.toLowerCase().startsWith('mailto:') ? value.slice('mailto:'.length) : value;
  const at = address.indexOf('@');
  if (at <= 0 || at !== address.lastIndexOf('@')) return null;
  const local = address.slice(0, at);
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.')) return null;
  const domain = parseDomain(address.slice(at + 1), true);
  return domain === null ? null : { kind: 'email', display: capDisplay(defangEmail(local, domain)) };
}
