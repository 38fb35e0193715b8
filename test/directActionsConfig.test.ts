import { ConfigError, loadConfig } from '../src/config';

/** DIRECT_ACTIONS: off unless a tenant turns it on; a wrong value stops the bot with one line naming it. */

describe('DIRECT_ACTIONS', () => {
  it.each<[Record<string, string>, string]>([
    [{}, 'off'],
    [{ DIRECT_ACTIONS: '' }, 'off'],
    [{ DIRECT_ACTIONS: 'off' }, 'off'],
    [{ DIRECT_ACTIONS: 'Dry-Run' }, 'dry-run'],
    [{ DIRECT_ACTIONS: 'on', OAUTH_CONNECTION_NAME: 'graph' }, 'on'],
  ])('%j -> %s', (env, mode) => {
    expect(loadConfig(env).directActions).toBe(mode);
  });

  it.each<[Record<string, string>, RegExp]>([
    [{ DIRECT_ACTIONS: 'on' }, /^OAUTH_CONNECTION_NAME: is required when DIRECT_ACTIONS is on/],
    [{ DIRECT_ACTIONS: 'yes' }, /^DIRECT_ACTIONS: must be one of off, dry-run, on, got "yes"$/],
  ])('%j is refused at start, naming the variable', (env, message) => {
    const load = () => loadConfig(env);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });
});

describe('GRAPH_BASE_URL and DEFENDER_API_BASE_URL', () => {
  it("default to Microsoft's services", () => {
    expect(loadConfig({}).securityApis).toEqual({ graphBaseUrl: 'https://graph.microsoft.com', defenderBaseUrl: 'https://api.securitycenter.microsoft.com' });
  });

  it('may point at a local server on this machine, as the tests do', () => {
    const apis = loadConfig({ GRAPH_BASE_URL: 'http://127.0.0.1:4100', DEFENDER_API_BASE_URL: 'http://localhost:4101' }).securityApis;
    expect(apis).toEqual({ graphBaseUrl: 'http://127.0.0.1:4100', defenderBaseUrl: 'http://localhost:4101' });
  });

  it.each<[Record<string, string>, RegExp]>([
    [{ GRAPH_BASE_URL: 'http://graph.example.com' }, /^GRAPH_BASE_URL: must be an https URL/],
    [{ DEFENDER_API_BASE_URL: 'not a url' }, /^DEFENDER_API_BASE_URL: must be a URL/],
  ])('%j is refused: the analyst token would travel in the clear or nowhere', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('UNDO_EMAIL_APPROVERS_GROUP_ID, UNDO_POLL_INTERVAL_MS and UNDO_POLL_LIMIT_MS', () => {
  it('default to no email undo, and a machine action read every 5 s for 2 minutes', () => {
    expect(loadConfig({}).undo).toEqual({ approversGroupId: undefined, pollIntervalMs: 5_000, pollLimitMs: 120_000 });
  });

  it('take a group id (kept in lower case) and other timings', () => {
    const env = { UNDO_EMAIL_APPROVERS_GROUP_ID: '7F3D9A1E-4B2C-4D8E-9F10-2A3B4C5D6E7F', UNDO_POLL_INTERVAL_MS: '1000', UNDO_POLL_LIMIT_MS: '60000' };
    expect(loadConfig(env).undo).toEqual({ approversGroupId: '7f3d9a1e-4b2c-4d8e-9f10-2a3b4c5d6e7f', pollIntervalMs: 1_000, pollLimitMs: 60_000 });
  });

  it.each<[Record<string, string>, RegExp]>([
    [{ UNDO_EMAIL_APPROVERS_GROUP_ID: 'Security Approvers' }, /^UNDO_EMAIL_APPROVERS_GROUP_ID: /],
    [{ UNDO_POLL_INTERVAL_MS: '5' }, /^UNDO_POLL_INTERVAL_MS: /],
    // Past 150 s a machine action still followed would outlive the 3 minutes after which a send counts as cut off.
    [{ UNDO_POLL_LIMIT_MS: '200000' }, /^UNDO_POLL_LIMIT_MS: /],
  ])('%j is refused at start, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
