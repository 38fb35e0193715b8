import { createHmac, KeyObject } from 'node:crypto';

/** Headers that the shared-key signature covers, in the order the service reads them. */
const SIGNED_HEADERS = ['content-encoding', 'content-language', 'content-length', 'content-md5', 'content-type', 'date', 'if-modified-since', 'if-match', 'if-none-match', 'if-unmodified-since', 'range'];

/** The SharedKey authorization header (Blob service, version 2009-09-19 and later). */
export function sharedKeySignature(
  accountName: string,
  key: KeyObject,
  method: string,
  path: string,
  query: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>>,
): string {
  let toSign = method;
  for (const name of SIGNED_HEADERS) toSign += `\n${name === 'content-length' && headers[name] === '0' ? '' : (headers[name] ?? '')}`;
  toSign += '\n';
  for (const name of Object.keys(headers).filter((header) => header.startsWith('x-ms-')).sort()) toSign += `${name}:${headers[name]}\n`;
  toSign += `/${accountName}${path}`;
  for (const name of Object.keys(query).sort()) toSign += `\n${name}:${decodeURIComponent(query[name])}`;
  return `SharedKey ${accountName}:${createHmac('sha256', key).update(toSign, 'utf8').digest('base64')}`;
}
