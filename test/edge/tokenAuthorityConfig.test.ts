import { ConfigError, loadConfig } from '../../src/config';

/** The token authority is the public Bot Framework unless both override variables are set, with an app id. */

const IDENTITY = { MicrosoftAppId: '6f1d3c2a-9b8e-4d7f-a5c4-3e2b1a0f9d8c', MicrosoftAppPassword: 'edge-secret' };
const METADATA = 'http://127.0.0.1:4100/.well-known/openid-configuration';
const ISSUER = 'https://api.botframework.test';

test('by default tokens are checked against the public Bot Framework (no override)', () => {
  expect(loadConfig(IDENTITY).identity?.tokenAuthority).toBeUndefined();
});

test('both variables together override the authority', () => {
  const config = loadConfig({ ...IDENTITY, ToBotFromChannelOpenIdMetadataUrl: METADATA, ToBotFromChannelTokenIssuer: ISSUER });
  expect(config.identity?.tokenAuthority).toEqual({ openIdMetadataUrl: METADATA, issuer: ISSUER });
});

test.each([
  [{ ToBotFromChannelOpenIdMetadataUrl: METADATA }, 'ToBotFromChannelTokenIssuer'],
  [{ ToBotFromChannelTokenIssuer: ISSUER }, 'ToBotFromChannelOpenIdMetadataUrl'],
  [{ ToBotFromChannelOpenIdMetadataUrl: 'not a url', ToBotFromChannelTokenIssuer: ISSUER }, 'ToBotFromChannelOpenIdMetadataUrl'],
  [{ ToBotFromChannelOpenIdMetadataUrl: 'http://keys.example.com/openid', ToBotFromChannelTokenIssuer: ISSUER }, 'ToBotFromChannelOpenIdMetadataUrl'],
])('%o is refused, naming %s', (override, variable) => {
  expect(() => loadConfig({ ...IDENTITY, ...override })).toThrow(expect.objectContaining({ variable }) as ConfigError);
});

test('an override without an app id is refused: no tokens would be checked at all', () => {
  expect(() => loadConfig({ ToBotFromChannelOpenIdMetadataUrl: METADATA, ToBotFromChannelTokenIssuer: ISSUER })).toThrow(
    /ToBotFromChannelOpenIdMetadataUrl: is set but MicrosoftAppId is empty/,
  );
});

test('https metadata is accepted anywhere', () => {
  const url = 'https://login.example.com/v1/.well-known/openidconfiguration';
  expect(loadConfig({ ...IDENTITY, ToBotFromChannelOpenIdMetadataUrl: url, ToBotFromChannelTokenIssuer: ISSUER }).identity?.tokenAuthority?.openIdMetadataUrl).toBe(url);
});
