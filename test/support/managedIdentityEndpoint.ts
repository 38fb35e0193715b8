import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeHeadThen } from './writeHeadThen';

/**
 * A local managed-identity endpoint speaking App Service's protocol (api-version 2019-08-01), as
 * @azure/identity's ManagedIdentityCredential (through MSAL's AppService source) calls it when
 * IDENTITY_ENDPOINT and IDENTITY_HEADER are set: `GET <IDENTITY_ENDPOINT>?api-version=2019-08-01&resource=<resource>&client_id=<id>`
 * with the header `X-IDENTITY-HEADER: <IDENTITY_HEADER>`, answered with
 * `{ access_token, expires_on (epoch seconds), resource, token_type }`.
 */

export interface TokenRequest {
  readonly resource: string | null;
  readonly apiVersion: string | null;
  readonly clientId: string | null;
  readonly headerMatched: boolean;
}

export interface ManagedIdentityEndpoint {
  /** IDENTITY_ENDPOINT, IDENTITY_HEADER and AZURE_CLIENT_ID for the bot. */
  readonly env: Readonly<Record<string, string>>;
  readonly clientId: string;
  readonly requests: TokenRequest[];
  /** Every token issued, with when it expires (epoch ms). */
  readonly issued: Map<string, number>;
  /** How long the tokens it issues from now on live. */
  lifetimeSeconds: number;
  /** While true, every request is answered 500, as an identity endpoint that is down. */
  failing: boolean;
  /** Whether `token` was issued here and has not expired. */
  isValid(token: string): boolean;
  close(): Promise<void>;
}

const TOKEN_PATH = '/msi/token';

export async function startManagedIdentityEndpoint(lifetimeSeconds = 3_600): Promise<ManagedIdentityEndpoint> {
  const secretHeader = randomBytes(16).toString('hex');
  const clientId = randomUUID();
  const requests: TokenRequest[] = [];
  const issued = new Map<string, number>();
  const endpoint = {
    lifetimeSeconds,
    failing: false,
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const request: TokenRequest = {
      resource: url.searchParams.get('resource'),
      apiVersion: url.searchParams.get('api-version'),
      clientId: url.searchParams.get('client_id'),
      headerMatched: req.headers['x-identity-header'] === secretHeader,
    };
    requests.push(request);
    const answer = (status: number, body: object): void => {
      writeHeadThen(res, status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (endpoint.failing) return answer(500, { error: { code: 'ServiceUnavailable', message: 'the identity endpoint is down' } });
    if (url.pathname !== TOKEN_PATH || !request.headerMatched || request.apiVersion !== '2019-08-01') return answer(400, { error: { code: 'BadRequest', message: 'not a managed identity request' } });
    if (request.clientId !== clientId) return answer(400, { error: { code: 'UnknownIdentity', message: 'no such user-assigned identity' } });
    const token = `msi-${randomBytes(24).toString('base64url')}`;
    const expiresOn = Math.floor(Date.now() / 1000) + endpoint.lifetimeSeconds;
    issued.set(token, expiresOn * 1000);
    answer(200, { access_token: token, expires_on: String(expiresOn), resource: request.resource, token_type: 'Bearer', client_id: clientId });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(endpoint, {
    env: { IDENTITY_ENDPOINT: `http://127.0.0.1:${port}${TOKEN_PATH}`, IDENTITY_HEADER: secretHeader, AZURE_CLIENT_ID: clientId },
    clientId,
    requests,
    issued,
    isValid: (token: string) => (issued.get(token) ?? 0) > Date.now(),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
