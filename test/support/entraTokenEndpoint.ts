import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { text as readText } from 'node:stream/consumers';
import { selfSignedCertificate } from './bearerBlobGateway';

/**
 * A local Microsoft Entra ID for an app's own tokens (client credentials), over HTTPS as
 * @azure/identity insists: the tenant's OpenID metadata and its v2.0 token endpoint. A token request
 * is answered only for the app's id and secret and a `.default` scope; each one is recorded, so a test
 * can tell which resources the app asked for. Its certificate is self-signed: the bot trusts it
 * through NODE_EXTRA_CA_CERTS.
 */

export interface TokenRequest {
  readonly path: string;
  readonly form: Record<string, string>;
}

export interface EntraTokenEndpoint {
  /** AZURE_AUTHORITY_HOST for the bot. */
  readonly authorityHost: string;
  /** NODE_EXTRA_CA_CERTS for the bot. */
  readonly caFile: string;
  readonly requests: TokenRequest[];
  /** Every request that was not a metadata read or a fitting token request. */
  readonly problems: string[];
  /** The token given for a scope: `<resource>-token-<n>`, n counting the tokens given. */
  tokenFor(scope: string, n: number): string;
  close(): Promise<void>;
}

const RESOURCE = (scope: string): string => new URL(scope.replace(/\/\.default$/, '')).hostname.split('.')[0] ?? 'unknown';

export async function startEntraTokenEndpoint(tenantId: string, clientId: string, clientSecret: string): Promise<EntraTokenEndpoint> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'entra-'));
  const files = selfSignedCertificate(dir);
  const requests: TokenRequest[] = [];
  const problems: string[] = [];
  let given = 0;
  const server = https.createServer({ key: readFileSync(files.key), cert: readFileSync(files.cert) }, (req, res) => {
    void readText(req).then((raw) => {
      const url = new URL(req.url ?? '/', 'https://entra');
      const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}/${tenantId}`;
      const json = (status: number, body: unknown): void => {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body));
      };
      if (req.method === 'GET' && url.pathname === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
        return json(200, {
          issuer: `${base}/v2.0`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'token'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
        });
      }
      if (req.method === 'POST' && url.pathname === `/${tenantId}/oauth2/v2.0/token`) {
        const form = Object.fromEntries(new URLSearchParams(raw));
        requests.push({ path: url.pathname, form });
        const fits = form.grant_type === 'client_credentials' && form.client_id === clientId && form.client_secret === clientSecret && /^https:\/\/\S+\/\.default$/.test(form.scope ?? '');
        if (!fits) {
          problems.push(`token request that does not fit: ${JSON.stringify({ ...form, client_secret: form.client_secret ? '(given)' : undefined })}`);
          return json(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
        }
        given++;
        return json(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: tokenFor(form.scope ?? '', given) });
      }
      problems.push(`${req.method} ${url.pathname}${url.search}`);
      return json(404, { error: 'not_found' });
    });
  });
  const tokenFor = (scope: string, n: number): string => `${RESOURCE(scope)}-token-${n}`;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    authorityHost: `https://127.0.0.1:${port}`,
    caFile: files.cert,
    requests,
    problems,
    tokenFor,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
