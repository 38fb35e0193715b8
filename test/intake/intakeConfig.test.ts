import { ConfigError, loadConfig } from '../../src/config';

/** Intake's settings: off by default, and each wrong or missing value stops start-up naming its variable. */

const CHANNEL = '19:incident-response@thread.tacv2';
const APP = { MicrosoftAppId: '0c6a2f4e-3b1d-4e8f-9a57-6d2c1b0e9f83', MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: '9b1e4c7a-2d3f-4a6b-8c5d-7e0f1a2b3c4d' };
const PUSH = { INTAKE_AUDIENCE: 'api://bot-intake', INTAKE_ALLOWED_CALLERS: 'AAAAAAAA-bbbb-4ccc-8ddd-eeeeeeeeeeee' };

const refusal = (env: Record<string, string>): string | undefined => {
  try {
    loadConfig(env);
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error.variable;
    throw error;
  }
};

test('off unless INTAKE_CHANNEL_ID is set', () => {
  expect(loadConfig({}).intake).toBeUndefined();
});

test('defaults: no service URL of its own, air alerts, no polling, no push, one thread a second', () => {
  expect(loadConfig({ INTAKE_CHANNEL_ID: CHANNEL }).intake).toEqual({
    channelId: CHANNEL,
    teamId: undefined,
    // The Connector last seen from the channel, else Teams' public one (src/intake/index.ts).
    serviceUrl: undefined,
    pollSeconds: undefined,
    alerts: 'air',
    push: undefined,
    authorityHost: 'https://login.microsoftonline.com',
    managedIdentityClientId: undefined,
    threadIntervalMs: 1000,
  });
});

test('push: the audience, callers in lower case, and Entra v2.0 metadata of the bot tenant', () => {
  expect(loadConfig({ ...APP, ...PUSH, INTAKE_CHANNEL_ID: CHANNEL }).intake?.push).toEqual({
    audience: 'api://bot-intake',
    allowedCallers: ['aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'],
    openIdMetadataUrl: 'https://login.microsoftonline.com/9b1e4c7a-2d3f-4a6b-8c5d-7e0f1a2b3c4d/v2.0/.well-known/openid-configuration',
  });
});

test.each<[string, Record<string, string>, string]>([
  ['a private chat id as the channel', { INTAKE_CHANNEL_ID: '19:abc@thread.v2' }, 'INTAKE_CHANNEL_ID'],
  ['polling without a channel', { INTAKE_POLL_SECONDS: '60' }, 'INTAKE_CHANNEL_ID'],
  ['push without a channel', { ...APP, ...PUSH }, 'INTAKE_CHANNEL_ID'],
  ['a poll interval of 0', { INTAKE_CHANNEL_ID: CHANNEL, INTAKE_POLL_SECONDS: '0' }, 'INTAKE_POLL_SECONDS'],
  ['a poll interval that is not a number', { INTAKE_CHANNEL_ID: CHANNEL, INTAKE_POLL_SECONDS: 'soon' }, 'INTAKE_POLL_SECONDS'],
  ['an unknown alert mode', { INTAKE_CHANNEL_ID: CHANNEL, INTAKE_ALERTS: 'some' }, 'INTAKE_ALERTS'],
  ['a plain http service URL', { INTAKE_CHANNEL_ID: CHANNEL, INTAKE_SERVICE_URL: 'http://smba.example/teams/' }, 'INTAKE_SERVICE_URL'],
  ['a plain http authority', { INTAKE_CHANNEL_ID: CHANNEL, AZURE_AUTHORITY_HOST: 'http://login.example' }, 'AZURE_AUTHORITY_HOST'],
  ['callers without an audience', { INTAKE_CHANNEL_ID: CHANNEL, INTAKE_ALLOWED_CALLERS: PUSH.INTAKE_ALLOWED_CALLERS }, 'INTAKE_AUDIENCE'],
  ['an audience without callers', { ...APP, INTAKE_CHANNEL_ID: CHANNEL, INTAKE_AUDIENCE: 'api://bot-intake' }, 'INTAKE_ALLOWED_CALLERS'],
  ['a caller that is not a GUID', { ...APP, INTAKE_CHANNEL_ID: CHANNEL, ...PUSH, INTAKE_ALLOWED_CALLERS: 'logic-app' }, 'INTAKE_ALLOWED_CALLERS'],
  ['push with no tenant to check the issuer against', { INTAKE_CHANNEL_ID: CHANNEL, ...PUSH }, 'MicrosoftAppTenantId'],
  ['a client id that is not a GUID', { INTAKE_CHANNEL_ID: CHANNEL, AZURE_CLIENT_ID: 'mine' }, 'AZURE_CLIENT_ID'],
  ['a thread interval out of range', { INTAKE_CHANNEL_ID: CHANNEL, INTAKE_THREAD_INTERVAL_MS: '-1' }, 'INTAKE_THREAD_INTERVAL_MS'],
])('refuses %s, naming %s', (_name, env, variable) => {
  expect(refusal(env)).toBe(variable);
});
