import { MAX_TOKEN_CHARS, tokenShapeProblem } from '../../src/bot/auth/tokenShape';

/** What the header of a request tells of its token before any signing key is asked for. */

const part = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const HEADER = { alg: 'RS256', typ: 'JWT', kid: 'key-1' };
const PAYLOAD = { iss: 'https://api.botframework.com', aud: 'bot' };
const SIG = part('signature');
const token = (header: unknown = HEADER, payload: unknown = PAYLOAD, signature = SIG): string => `Bearer ${part(header)}.${part(payload)}.${signature}`;

const CASES: [string, string, string | undefined][] = [
  ['a well-formed RS256 token with a kid', token(), undefined],
  ['no header at all', '', 'no bearer token'],
  ['another scheme', `Basic ${part('user:pass')}`, 'no bearer token'],
  ['two spaces after Bearer', `Bearer  ${token().slice(7)}`, 'no bearer token'],
  ['lower-case bearer', `bearer ${token().slice(7)}`, 'no bearer token'],
  ['alg none with an empty signature', token({ alg: 'none', kid: 'key-1' }, PAYLOAD, ''), 'token is not three base64url parts'],
  ['alg none with a signature', token({ alg: 'none', kid: 'key-1' }), 'token is not signed with RS256'],
  ['alg HS256', token({ ...HEADER, alg: 'HS256' }), 'token is not signed with RS256'],
  ['alg RS512', token({ ...HEADER, alg: 'RS512' }), 'token is not signed with RS256'],
  ['alg in lower case', token({ ...HEADER, alg: 'rs256' }), 'token is not signed with RS256'],
  ['two parts', `Bearer ${part(HEADER)}.${part(PAYLOAD)}`, 'token is not three base64url parts'],
  ['four parts', `${token()}.${SIG}`, 'token is not three base64url parts'],
  ['base64 with padding', `Bearer ${Buffer.from(JSON.stringify(HEADER)).toString('base64')}=.${part(PAYLOAD)}.${SIG}`, 'token is not three base64url parts'],
  ['a header that is not JSON', token('{"alg":"RS256"'), 'token header is not a JSON object'],
  ['a header that is a JSON array', token(['RS256']), 'token header is not a JSON object'],
  ['a header that is JSON null', token('null'), 'token header is not a JSON object'],
  ['a payload that is not JSON', token(HEADER, 'claims'), 'token payload is not a JSON object'],
  ['no kid', token({ alg: 'RS256' }), 'token header names no key id'],
  ['an empty kid', token({ ...HEADER, kid: '' }), 'token header names no key id'],
  ['a kid that is a number', token({ ...HEADER, kid: 7 }), 'token header names no key id'],
  ['a token just within the size', `Bearer ${part(HEADER)}.${part(PAYLOAD)}.${'A'.repeat(MAX_TOKEN_CHARS - part(HEADER).length - part(PAYLOAD).length - 2)}`, undefined],
  ['a token one character too long', `Bearer ${part(HEADER)}.${part(PAYLOAD)}.${'A'.repeat(MAX_TOKEN_CHARS - part(HEADER).length - part(PAYLOAD).length - 1)}`, 'token too long'],
];

test.each(CASES)('%s', (_case, authorization, problem) => {
  expect(tokenShapeProblem(authorization)).toBe(problem);
});
