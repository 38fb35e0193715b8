import { verify } from 'node:crypto';
import type { IntakePush } from '../../config';
import { SigningKeySet, SigningKeysUnavailableError } from './signingKeys';
import { tokenShapeProblem } from './tokenShape';

/**
 * The Microsoft Entra token on a push to /api/intake (a Logic App's or a Function's managed
 * identity): RS256 signature by a key of the tenant's key set, issuer of the bot's tenant (v1 or
 * v2 tokens), the configured audience, a caller (oid, appid or azp) on the allowed list, within its
 * lifetime. Judged from the header alone, before the body is read. Problems are fixed phrases.
 */
export type PushAdmission = { readonly outcome: 'admitted'; readonly caller: string } | { readonly outcome: 'unauthorized'; readonly reason: string } | { readonly outcome: 'unavailable'; readonly retryAfterMs: number };

/** Clocks of Entra and this machine may differ a little. */
const CLOCK_SKEW_SECONDS = 300;

const claimsOf = (part: string): Record<string, unknown> => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

export function pushTokenCheck(push: IntakePush, tenantId: string, now: () => number = Date.now): (authorization: string) => Promise<PushAdmission> {
  const keys = new SigningKeySet(push.openIdMetadataUrl);
  const issuers = [`https://sts.windows.net/${tenantId}/`, `https://login.microsoftonline.com/${tenantId}/v2.0`].map((issuer) => issuer.toLowerCase());
  const refuse = (reason: string): PushAdmission => ({ outcome: 'unauthorized', reason });
  return async (authorization) => {
    const shape = tokenShapeProblem(authorization);
    if (shape) return refuse(shape);
    const [header, payload, signature] = authorization.slice('Bearer '.length).split('.');
    const { kid } = claimsOf(header) as { kid: string };
    let key;
    try {
      key = await keys.getKey(kid);
    } catch (error) {
      if (error instanceof SigningKeysUnavailableError) return { outcome: 'unavailable', retryAfterMs: error.retryAfterMs };
      throw error;
    }
    if (!key) return refuse('token is signed by an unknown key');
    if (!verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key.key, Buffer.from(signature, 'base64url'))) return refuse('token signature is not valid');
    const claims = claimsOf(payload);
    const seconds = now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_SECONDS < seconds) return refuse('token has expired');
    if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_SKEW_SECONDS > seconds) return refuse('token is not valid yet');
    if (typeof claims.iss !== 'string' || !issuers.includes(claims.iss.toLowerCase())) return refuse("token is not from the bot's tenant");
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(push.audience)) return refuse('token is for another audience');
    const caller = [claims.oid, claims.appid, claims.azp].find((id): id is string => typeof id === 'string' && push.allowedCallers.includes(id.toLowerCase()));
    if (!caller) return refuse('caller is not in INTAKE_ALLOWED_CALLERS');
    return { outcome: 'admitted', caller };
  };
}
