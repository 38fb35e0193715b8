import { generateKeyPairSync, KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

/**
 * A stand-in for the Bot Framework's token authority: an OpenID configuration and a key set served
 * from a local HTTP server on a free port, and tokens signed with its key (or with a stranger's).
 */

export interface ChannelTokenOptions {
  /** Default: the bot's app id. */
  readonly audience?: string;
  /** Default: the authority's issuer. */
  readonly issuer?: string;
  /** The `serviceurl` claim; the SDK requires it to equal the activity's serviceUrl. */
  readonly serviceUrl: string;
  /** Seconds from now; negative for a token that has already expired. Default one hour. */
  readonly expiresIn?: number;
  /** 'stranger': same key id, another private key, as a forger would try. */
  readonly signer?: 'authority' | 'stranger';
}

export interface LocalAuthority {
  readonly metadataUrl: string;
  readonly issuer: string;
  /** The id of the one key its key set lists. */
  readonly keyId: string;
  /** The claims a channel token carries, for tests that build a token's parts themselves. */
  channelClaims(options: ChannelTokenOptions): Record<string, unknown>;
  channelToken(options: ChannelTokenOptions): string;
  /** Any claims, signed by the authority's key (or a stranger's): the Entra tokens a managed identity carries. */
  signed(claims: Record<string, unknown>, signer?: 'authority' | 'stranger'): string;
  close(): Promise<void>;
}

const KEY_ID = 'local-authority-key-1';

const rsaKeyPair = (): { privateKey: KeyObject; publicKey: KeyObject } => generateKeyPairSync('rsa', { modulusLength: 2048 });

export async function startLocalAuthority(appId: string, issuer = 'https://api.botframework.test'): Promise<LocalAuthority> {
  const trusted = rsaKeyPair();
  const stranger = rsaKeyPair();
  const publicJwk = trusted.publicKey.export({ format: 'jwk' });
  // Bot Framework keys list the channels they may sign for; the SDK checks the activity's channel against it.
  const keySet = { keys: [{ ...publicJwk, kid: KEY_ID, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] };

  const server = http.createServer((req, res) => {
    const { port } = server.address() as AddressInfo;
    const documents: Record<string, unknown> = {
      '/.well-known/openid-configuration': {
        issuer,
        jwks_uri: `http://127.0.0.1:${port}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      },
      '/keys': keySet,
    };
    const document = documents[req.url ?? ''];
    res.writeHead(document ? 200 : 404, { 'content-type': 'application/json' });
    res.end(document ? JSON.stringify(document) : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const channelClaims = (options: ChannelTokenOptions): Record<string, unknown> => {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: options.issuer ?? issuer,
      aud: options.audience ?? appId,
      serviceurl: options.serviceUrl,
      nbf: now - 7200,
      iat: now - 7200,
      exp: now + (options.expiresIn ?? 3600),
    };
  };

  return {
    metadataUrl: `http://127.0.0.1:${port}/.well-known/openid-configuration`,
    issuer,
    keyId: KEY_ID,
    channelClaims,
    channelToken(options) {
      const key = options.signer === 'stranger' ? stranger.privateKey : trusted.privateKey;
      return jwt.sign(channelClaims(options), key, { algorithm: 'RS256', keyid: KEY_ID });
    },
    signed: (claims, signer = 'authority') => jwt.sign(claims, signer === 'stranger' ? stranger.privateKey : trusted.privateKey, { algorithm: 'RS256', keyid: KEY_ID }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
