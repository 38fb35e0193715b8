import { ConfigError, loadConfig } from '../src/config';

const APP_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('loadConfig', () => {
  it('defaults: port 3978, anonymous, SQLite under ./data', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3978,
      identity: undefined,
      storage: { kind: 'sqlite', path: './data/state.db', ttlHours: 72, recordTtlDays: 90 },
      allowedTenantIds: [],
      logLevel: 'info',
    });
  });

  it('reads a full Teams identity', () => {
    const config = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's3cret', MicrosoftAppType: 'singletenant', MicrosoftAppTenantId: TENANT });
    expect(config.identity).toEqual({ appId: APP_ID, appPassword: 's3cret', appType: 'SingleTenant', tenantId: TENANT });
  });

  it('anonymous: listens on this machine only unless HOST widens it, which is flagged', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', anonymousBeyondLoopback: false, maxTurnsInFlight: 200 });
    expect(loadConfig({ HOST: '0.0.0.0' })).toMatchObject({ host: '0.0.0.0', anonymousBeyondLoopback: true });
    expect(loadConfig({ HOST: '::1' })).toMatchObject({ host: '::1', anonymousBeyondLoopback: false });
    expect(loadConfig({ HOST: 'localhost', MAX_TURNS_IN_FLIGHT: '50' })).toMatchObject({ anonymousBeyondLoopback: false, maxTurnsInFlight: 50 });
  });

  it('with an app id: every interface by default, or HOST, and nothing is flagged', () => {
    const identity = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's3cret' };
    expect(loadConfig(identity)).toMatchObject({ host: undefined, anonymousBeyondLoopback: false });
    expect(loadConfig({ ...identity, HOST: '10.0.0.4' })).toMatchObject({ host: '10.0.0.4', anonymousBeyondLoopback: false });
  });

  it('telemetry: off without APPLICATIONINSIGHTS_CONNECTION_STRING, on with one shaped as the Azure portal shows it', () => {
    expect(loadConfig({}).applicationInsightsConnectionString).toBeUndefined();
    const connectionString = `InstrumentationKey=${APP_ID};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/;ApplicationId=${TENANT}`;
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: ` ${connectionString} ` }).applicationInsightsConnectionString).toBe(connectionString);
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: `instrumentationkey=${APP_ID};` }).applicationInsightsConnectionString).toBe(`instrumentationkey=${APP_ID};`);
  });

  it('reads blob storage and a tenant allow-list', () => {
    const config = loadConfig({ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', AZURE_STORAGE_CONTAINER: 'state', ALLOWED_TENANT_IDS: ` ${TENANT.toUpperCase()} , ${APP_ID}` });
    expect(config.storage).toEqual({ kind: 'blob', connectionString: 'UseDevelopmentStorage=true', container: 'state' });
    expect(config.allowedTenantIds).toEqual([TENANT, APP_ID]);
  });

  it('reads blob storage with Microsoft Entra ID: the account URL (no trailing slash) and the managed identity', () => {
    const config = loadConfig({ STORAGE: 'blob', AZURE_STORAGE_ACCOUNT_URL: ' https://acct.blob.core.windows.net/ ', AZURE_CLIENT_ID: APP_ID, AZURE_STORAGE_CONTAINER: 'state' });
    expect(config.storage).toEqual({ kind: 'blob', accountUrl: 'https://acct.blob.core.windows.net', clientId: APP_ID, container: 'state' });
    expect(config.azureClientId).toBe(APP_ID);
    // Without AZURE_CLIENT_ID, DefaultAzureCredential decides; http only for this machine (a local test endpoint).
    expect(loadConfig({ STORAGE: 'blob', AZURE_STORAGE_ACCOUNT_URL: 'http://127.0.0.1:10000/devstoreaccount1', AZURE_STORAGE_CONTAINER: 'state' }).storage).toEqual({ kind: 'blob', accountUrl: 'http://127.0.0.1:10000/devstoreaccount1', container: 'state' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MicrosoftAppId: 'not-a-guid' }, 'MicrosoftAppId'],
    [{ MicrosoftAppPassword: 'orphan' }, 'MicrosoftAppId'],
    [{ MicrosoftAppId: APP_ID }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppType: 'Anybody' }, 'MicrosoftAppType'],
    [{ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
    [{ MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT }, 'MicrosoftAppId'],
    [{ MicrosoftAppType: 'UserAssignedMSI' }, 'MicrosoftAppId'],
    [{ HOST: 'not a host!' }, 'HOST'],
    [{ MAX_TURNS_IN_FLIGHT: '0' }, 'MAX_TURNS_IN_FLIGHT'],
    [{ STORAGE: 'redis' }, 'STORAGE'],
    [{ STORAGE: 'blob', AZURE_STORAGE_CONTAINER: 'c' }, 'AZURE_STORAGE_ACCOUNT_URL'],
    [{ STORAGE: 'blob', AZURE_STORAGE_CONTAINER: 'c', AZURE_STORAGE_ACCOUNT_URL: 'http://acct.blob.core.windows.net' }, 'AZURE_STORAGE_ACCOUNT_URL'],
    [{ STORAGE: 'blob', AZURE_STORAGE_CONTAINER: 'c', AZURE_STORAGE_ACCOUNT_URL: 'acct.blob.core.windows.net' }, 'AZURE_STORAGE_ACCOUNT_URL'],
    [{ STORAGE: 'blob', AZURE_STORAGE_CONTAINER: 'c', AZURE_STORAGE_ACCOUNT_URL: 'https://acct.blob.core.windows.net/?sv=2022&sig=x' }, 'AZURE_STORAGE_ACCOUNT_URL'],
    [{ STORAGE: 'blob', AZURE_STORAGE_CONTAINER: 'c', AZURE_STORAGE_ACCOUNT_URL: 'https://user:pw@acct.blob.core.windows.net' }, 'AZURE_STORAGE_ACCOUNT_URL'],
    [{ STORAGE: 'blob', AZURE_STORAGE_CONTAINER: 'c', AZURE_STORAGE_ACCOUNT_URL: 'https://acct.blob.core.windows.net', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }, 'AZURE_STORAGE_ACCOUNT_URL'],
    [{ STORAGE: 'blob', AZURE_STORAGE_CONTAINER: 'c', AZURE_STORAGE_ACCOUNT_URL: 'https://acct.blob.core.windows.net', AZURE_CLIENT_ID: 'bot-identity' }, 'AZURE_CLIENT_ID'],
    [{ AZURE_CLIENT_ID: 'not-a-guid' }, 'AZURE_CLIENT_ID'],
    [{ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'x' }, 'AZURE_STORAGE_CONTAINER'],
    [{ STATE_TTL_HOURS: '0' }, 'STATE_TTL_HOURS'],
    [{ RECORD_TTL_DAYS: 'forever' }, 'RECORD_TTL_DAYS'],
    [{ ALLOWED_TENANT_IDS: 'contoso' }, 'ALLOWED_TENANT_IDS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ APPLICATIONINSIGHTS_CONNECTION_STRING: APP_ID }, 'APPLICATIONINSIGHTS_CONNECTION_STRING'],
    [{ APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=not-a-guid' }, 'APPLICATIONINSIGHTS_CONNECTION_STRING'],
    [{ APPLICATIONINSIGHTS_CONNECTION_STRING: 'IngestionEndpoint=https://in.example/' }, 'APPLICATIONINSIGHTS_CONNECTION_STRING'],
    [{ APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${APP_ID};IngestionEndpoint=http://in.example/` }, 'APPLICATIONINSIGHTS_CONNECTION_STRING'],
    [{ APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${APP_ID};LiveEndpoint=not a url` }, 'APPLICATIONINSIGHTS_CONNECTION_STRING'],
  ])('%j is refused, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toMatch(new RegExp(`^${variable}: `));
    }
  });
});
