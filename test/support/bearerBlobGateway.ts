import { execFileSync } from 'node:child_process';
import { createSecretKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sharedKeySignature } from '../../src/storage/blob/sharedKey';
import { writeHeadThen } from './writeHeadThen';

/**
 * A Blob endpoint over HTTPS that takes only Microsoft Entra bearer tokens, in front of Azurite: a
 * request is forwarded (signed with Azurite's shared key) only with `Authorization: Bearer <t>` where
 * `isValid(t)` (a token the local identity endpoint issued and that has not expired); anything else is
 * answered 403 AuthenticationFailed, as Azure does, and recorded. Its certificate is self-signed; the
 * bot trusts it through NODE_EXTRA_CA_CERTS.
 */

export interface Refusal {
  readonly method: string;
  /** What the Authorization header held, the token itself left out. */
  readonly authorization: 'none' | 'not bearer' | 'unknown or expired token';
}

export interface BearerBlobGateway {
  /** https://127.0.0.1:<port>/devstoreaccount1: AZURE_STORAGE_ACCOUNT_URL. */
  readonly accountUrl: string;
  /** NODE_EXTRA_CA_CERTS for the bot. */
  readonly caFile: string;
  readonly refusals: Refusal[];
  /** Requests forwarded to Azurite. */
  forwarded: number;
  close(): Promise<void>;
}

const ACCOUNT = 'devstoreaccount1';

/** A key and certificate for 127.0.0.1, in `dir`: key.pem and cert.pem (the bot trusts cert.pem through NODE_EXTRA_CA_CERTS). */
export function selfSignedCertificate(dir: string): { key: string; cert: string } {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key, cert };
}

/** The query as the signature reads it: names and values still escaped. */
function queryOf(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of search.replace(/^\?/, '').split('&').filter(Boolean)) {
    const at = pair.indexOf('=');
    query[at < 0 ? pair : pair.slice(0, at)] = at < 0 ? '' : pair.slice(at + 1);
  }
  return query;
}

/** Sends the request on to Azurite as it is, and its answer back. */
export function forwardToAzurite(azurite: URL, req: http.IncomingMessage, headers: Record<string, string>, body: Buffer, res: http.ServerResponse): void {
  const forward = http.request({ host: azurite.hostname, port: azurite.port, method: req.method, path: req.url, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  forward.on('error', () => res.destroy());
  forward.end(body);
}

export async function startBearerBlobGateway(azuriteConnectionString: string, isValid: (token: string) => boolean): Promise<BearerBlobGateway> {
  const azurite = new URL(/BlobEndpoint=([^;]+)/.exec(azuriteConnectionString)![1]);
  const key = createSecretKey(Buffer.from(/AccountKey=([^;]+)/.exec(azuriteConnectionString)![1], 'base64'));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bearer-gateway-'));
  const files = selfSignedCertificate(dir);
  const refusals: Refusal[] = [];
  const gateway = { forwarded: 0 };

  const server = https.createServer({ key: readFileSync(files.key), cert: readFileSync(files.cert) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const authorization = req.headers.authorization;
      const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
      if (!token || !isValid(token)) {
        refusals.push({ method: req.method ?? '', authorization: authorization === undefined ? 'none' : token ? 'unknown or expired token' : 'not bearer' });
        writeHeadThen(res, 403, { 'content-type': 'application/xml' }).end('<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code></Error>');
        return;
      }
      const url = new URL(req.url ?? '/', 'https://gateway');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && !['authorization', 'host', 'connection'].includes(name)) headers[name] = value;
      headers.authorization = sharedKeySignature(ACCOUNT, key, req.method ?? 'GET', url.pathname, queryOf(url.search), headers);
      gateway.forwarded += 1;
      forwardToAzurite(azurite, req, headers, Buffer.concat(chunks), res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(gateway, {
    accountUrl: `https://127.0.0.1:${port}/${ACCOUNT}`,
    caFile: files.cert,
    refusals,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
