import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { text } from 'node:stream/consumers';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Framework token service (OAUTH_API_URL), serving the endpoints the
 * SDK's UserTokenClient calls, with the paths and query parameters its generated TokenApiClient sends:
 *
 *   GET    /api/usertoken/GetToken?userId&connectionName&channelId[&code]   200 TokenResponse, 404 none
 *   GET    /api/botsignin/GetSignInResource?state[&finalRedirect]           200 SignInUrlResponse
 *   POST   /api/usertoken/exchange?userId&connectionName&channelId {token}   200 TokenResponse, 400 refused
 *   DELETE /api/usertoken/SignOut?userId&connectionName&channelId           200
 *
 * A test says who holds a token, which sign-in codes and which Teams single sign-on tokens it takes,
 * and reads every call it got. Anything else is answered 404 and recorded too.
 */

export interface TokenServiceCall {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The JSON body, for the exchange. */
  readonly body?: unknown;
  /** What `state` carried in a GetSignInResource call (the SDK's base64 JSON): the connection, the bot's app id, the conversation. */
  readonly signInState?: { connectionName?: string; msAppId?: string; conversation?: { conversation?: { id?: string } } };
}

export interface FakeTokenService {
  /** Give the bot this as OAUTH_API_URL. */
  readonly url: string;
  readonly calls: TokenServiceCall[];
  /** `userId` is signed in on `connectionName`: GetToken answers with `token`. */
  giveToken(userId: string, connectionName: string, token: string): void;
  /** A sign-in through the card's button issued `code`: GetToken with it signs `userId` in on `connectionName`. */
  issueCode(code: string, userId: string, connectionName: string, token: string): void;
  /** Teams single sign-on: an exchange of `ssoToken` on `connectionName` succeeds and gives `token`. */
  acceptExchange(ssoToken: string, connectionName: string, token: string): void;
  /** Every call is answered with `status` from now on (500, 503), or normally again with undefined. */
  failWith(status: number | undefined): void;
  /** The token exchange resources it handed out, by id, with the URI Teams is to get a token for. */
  readonly exchangeResources: Map<string, { uri: string; connectionName: string }>;
  close(): Promise<void>;
}

const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  'GET /api/usertoken/GetToken': ['userId', 'connectionName', 'channelId'],
  'GET /api/botsignin/GetSignInResource': ['state'],
  'POST /api/usertoken/exchange': ['userId', 'connectionName', 'channelId'],
  'DELETE /api/usertoken/SignOut': ['userId', 'connectionName', 'channelId'],
};

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const body = await text(req);
  try {
    return body === '' ? undefined : JSON.parse(body);
  } catch {
    return body;
  }
}

function decodeState(state: string | undefined): TokenServiceCall['signInState'] {
  if (!state) return undefined;
  try {
    return JSON.parse(Buffer.from(state, 'base64').toString('utf8')) as TokenServiceCall['signInState'];
  } catch {
    return undefined;
  }
}

function send(res: http.ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

export async function startFakeTokenService(): Promise<FakeTokenService> {
  const calls: TokenServiceCall[] = [];
  const held = new Map<string, string>();
  const codes = new Map<string, { userId: string; connectionName: string; token: string }>();
  const exchanges = new Map<string, { connectionName: string; token: string }>();
  const exchangeResources = new Map<string, { uri: string; connectionName: string }>();
  let failure: number | undefined;
  const slot = (userId: string, connectionName: string): string => `${userId}\n${connectionName}`;

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    const body = await readBody(req);
    const route = `${req.method} ${url.pathname}`;
    const signInState = route === 'GET /api/botsignin/GetSignInResource' ? decodeState(query.state) : undefined;
    calls.push({ method: req.method ?? '', path: url.pathname, query, ...(body === undefined ? {} : { body }), ...(signInState ? { signInState } : {}) });
    if (failure !== undefined) return send(res, failure, { error: { code: 'ServiceError', message: `failing with ${failure}` } });
    const required = REQUIRED[route];
    if (!required) return send(res, 404, { error: { code: 'NotFound', message: `the fake token service does not serve ${route}` } });
    const missing = required.filter((name) => !query[name]);
    if (missing.length > 0) return send(res, 400, { error: { code: 'BadArgument', message: `missing ${missing.join(', ')}` } });
    const { userId, connectionName, channelId } = query;
    const tokenResponse = (token: string) => ({ channelId, connectionName, token, expiration: new Date(Date.now() + 3_600_000).toISOString() });

    switch (route) {
      case 'GET /api/usertoken/GetToken': {
        const redeemed = query.code ? codes.get(query.code) : undefined;
        if (redeemed && redeemed.userId === userId && redeemed.connectionName === connectionName) {
          codes.delete(query.code);
          held.set(slot(userId, connectionName), redeemed.token);
        }
        const token = held.get(slot(userId, connectionName));
        return token ? send(res, 200, tokenResponse(token)) : send(res, 404);
      }
      case 'GET /api/botsignin/GetSignInResource': {
        const id = randomUUID();
        const uri = `api://botid-${signInState?.msAppId ?? ''}`;
        exchangeResources.set(id, { uri, connectionName: signInState?.connectionName ?? '' });
        return send(res, 200, { signInLink: `https://token.botframework.test/api/oauth/signin?signin=${id}`, tokenExchangeResource: { id, uri } });
      }
      case 'POST /api/usertoken/exchange': {
        const ssoToken = (body as { token?: unknown } | undefined)?.token;
        const accepted = typeof ssoToken === 'string' ? exchanges.get(ssoToken) : undefined;
        if (!accepted || accepted.connectionName !== connectionName) return send(res, 400, { error: { code: 'TokenExchangeFailed', message: 'consent required' } });
        held.set(slot(userId, connectionName), accepted.token);
        return send(res, 200, tokenResponse(accepted.token));
      }
      case 'DELETE /api/usertoken/SignOut':
        held.delete(slot(userId, connectionName));
        return send(res, 200, {});
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    exchangeResources,
    giveToken: (userId, connectionName, token) => void held.set(slot(userId, connectionName), token),
    issueCode: (code, userId, connectionName, token) => void codes.set(code, { userId, connectionName, token }),
    acceptExchange: (ssoToken, connectionName, token) => void exchanges.set(ssoToken, { connectionName, token }),
    failWith: (status) => {
      failure = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
