import { AuthenticationConstants } from 'botframework-connector';
import { ConfigError, loadConfig } from '../src/config';

/** The analyst's sign-in settings: two OAuth connections (one per API) and the token service. */

describe('sign-in settings', () => {
  it('default to no connection and the public Bot Framework token service, as the SDK knows it', () => {
    expect(loadConfig({}).signIn).toEqual({ graphConnection: undefined, defenderConnection: undefined, tokenServiceUrl: AuthenticationConstants.OAuthUrl });
  });

  it('read both connection names and another token service for tests', () => {
    const env = { OAUTH_CONNECTION_NAME: ' graph-sso ', DEFENDER_OAUTH_CONNECTION_NAME: 'defender-sso', OAUTH_API_URL: 'http://127.0.0.1:4100' };
    expect(loadConfig(env).signIn).toEqual({ graphConnection: 'graph-sso', defenderConnection: 'defender-sso', tokenServiceUrl: 'http://127.0.0.1:4100' });
  });

  it.each(['http://token.example', 'not a url', 'ftp://localhost/'])('refuse OAUTH_API_URL %p: tokens must not cross the network in the clear', (url) => {
    expect(() => loadConfig({ OAUTH_API_URL: url })).toThrow(expect.objectContaining({ variable: 'OAUTH_API_URL' }) as ConfigError);
  });

  it('with DIRECT_ACTIONS=on, stop at start with one line naming OAUTH_CONNECTION_NAME when it is missing', () => {
    expect(() => loadConfig({ DIRECT_ACTIONS: 'on' })).toThrow(
      expect.objectContaining({ variable: 'OAUTH_CONNECTION_NAME', message: expect.stringMatching(/^OAUTH_CONNECTION_NAME: is required when DIRECT_ACTIONS is on/) }) as ConfigError,
    );
  });

  it.each(['off', 'dry-run'])('with DIRECT_ACTIONS=%s, need no connection', (mode) => {
    expect(loadConfig({ DIRECT_ACTIONS: mode }).signIn.graphConnection).toBeUndefined();
  });
});
