/**
 * What can be told of a Bot Framework token from its text alone. The SDK's check asks for the
 * signing keys before it looks at the token's header, so during a key outage a token with no
 * signature (`alg: none`), a malformed one, or one naming no key was answered 503 and cost a key
 * fetch. A token that fails here can never be valid: it is refused at once, and no key is fetched.
 */

/** Bot Framework channel tokens are about 1.5 KB; this leaves room for any claims they may grow. */
export const MAX_TOKEN_CHARS = 8_192;

/** The only algorithm the Bot Framework signs its channel tokens with. */
const SIGNING_ALGORITHM = 'RS256';

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const BEARER = /^Bearer ([^ ]+)$/;

/** Why a token cannot be valid. Fixed phrases: nothing of the token itself. */
export type TokenShapeProblem =
  | 'no bearer token'
  | 'token too long'
  | 'token is not three base64url parts'
  | 'token header is not a JSON object'
  | 'token payload is not a JSON object'
  | 'token is not signed with RS256'
  | 'token header names no key id';

function jsonObjectIn(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Undefined when the Authorization header holds a token worth checking against the signing keys. */
export function tokenShapeProblem(authorization: string): TokenShapeProblem | undefined {
  // Measured before any pattern runs over it.
  if (authorization.length > MAX_TOKEN_CHARS + 'Bearer '.length) return 'token too long';
  const token = BEARER.exec(authorization)?.[1];
  if (token === undefined) return 'no bearer token';
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return 'token is not three base64url parts';
  const [headerPart, payloadPart] = parts;
  const header = jsonObjectIn(headerPart);
  if (!header) return 'token header is not a JSON object';
  if (!jsonObjectIn(payloadPart)) return 'token payload is not a JSON object';
  if (header.alg !== SIGNING_ALGORITHM) return 'token is not signed with RS256';
  if (typeof header.kid !== 'string' || header.kid === '') return 'token header names no key id';
  return undefined;
}
