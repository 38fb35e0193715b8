import { loadConfig } from '../../src/config';
import { ArmReferenceError, ArmTemplate } from '../support/armEvaluation';
import { ArmSyntaxError, callsIn, isExpression, parseArmExpression } from '../support/armExpression';
import { variablesTheBotReads } from '../support/botVariables';
import {
  BOT_TEMPLATE,
  CONNECTION_STRING,
  DEV_ENVIRONMENT,
  IDENTITY,
  MAIN_TEMPLATE,
  PARAMETERS_FILE,
  appSettingsOf,
  deploy,
  mainDeployment,
  readJson,
  readRepoFile,
  resourceOf,
  suppliedParameters,
} from '../support/infraFiles';

/**
 * The deployment templates, checked as far as a machine without an Azure subscription can: every ARM
 * expression parses and is evaluated as Resource Manager would (against a made-up subscription), so a
 * misspelt parameter, variable or resource, or a reference() with another API version, fails here
 * instead of in `az deployment group create`. What Azure itself decides (quotas, names already taken,
 * the role assignment's propagation) is not checked: see docs/deploy.md.
 */

const mainTemplate = readJson<ArmTemplate>(MAIN_TEMPLATE);
const botTemplate = readJson<ArmTemplate>(BOT_TEMPLATE);

/**
 * The API version of each resource type, each checked on 2026-12-07 against Microsoft's template
 * reference (learn.microsoft.com/azure/templates) as a current, non-preview version.
 */
const API_VERSIONS: Record<string, string> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities': '2024-11-30',
  'Microsoft.OperationalInsights/workspaces': '2023-09-01',
  'Microsoft.Insights/components': '2020-02-02',
  'Microsoft.Storage/storageAccounts': '2025-01-01',
  'Microsoft.Storage/storageAccounts/blobServices/containers': '2025-01-01',
  'Microsoft.Storage/storageAccounts/managementPolicies': '2025-01-01',
  'Microsoft.Authorization/roleAssignments': '2022-04-01',
  'Microsoft.Web/serverfarms': '2024-11-01',
  'Microsoft.Web/sites': '2024-11-01',
  'Microsoft.Resources/deployments': '2024-03-01',
  'Microsoft.BotService/botServices': '2022-09-15',
  'Microsoft.BotService/botServices/channels': '2022-09-15',
};

/** Resource Manager's template functions (learn.microsoft.com/azure/azure-resource-manager/templates/template-functions). */
const ARM_FUNCTIONS = new Set(
  (
    'add and array base64 base64ToString bool coalesce concat contains copyIndex dataUri deployment div empty endsWith environment ' +
    'equals extensionResourceId false first format greater greaterOrEquals guid if indexOf int intersection json last lastIndexOf ' +
    'length less lessOrEquals list listKeys listSecrets managementGroup max min mod mul newGuid not null or padLeft parameters pickZones ' +
    'providers range reference replace resourceGroup resourceId skip split startsWith string sub subscription subscriptionResourceId ' +
    'substring take tenant tenantResourceId toLower toUpper trim true union uniqueString uri uriComponent uriComponentToString utcNow variables'
  )
    .split(' ')
    .map((name) => name.toLowerCase()),
);

/** Every string in a JSON value, keys too, with where it is. */
function stringsIn(value: unknown, where: string): { where: string; text: string }[] {
  if (typeof value === 'string') return [{ where, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringsIn(item, `${where}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [...stringsIn(key, `${where} (key)`), ...stringsIn(item, `${where}.${key}`)]);
  }
  return [];
}

const expressionsIn = (value: unknown, where: string) => stringsIn(value, where).filter(({ text }) => isExpression(text));

describe('the ARM expression parser', () => {
  test('reads calls, string literals with doubled quotes, numbers, property access and indexing', () => {
    expect(parseArmExpression("[concat('it''s ', string(42))]")).toEqual({
      kind: 'call',
      name: 'concat',
      args: [
        { kind: 'string', value: "it's " },
        { kind: 'call', name: 'string', args: [{ kind: 'number', value: 42 }] },
      ],
    });
    expect(parseArmExpression("[reference('x').outputs['y'].value]")).toMatchObject({ kind: 'property', name: 'value', target: { kind: 'index', index: { value: 'y' } } });
  });

  test.each(["[format('a'", "[concat('open)]", '[parameters(x)]', "[variables('a') variables('b')]", "[take('a',)]"])('refuses %s', (text) => {
    expect(() => parseArmExpression(text)).toThrow(ArmSyntaxError);
  });

  test('takes "[[" as a literal string, not an expression', () => {
    expect(isExpression('[[not evaluated]')).toBe(false);
  });
});

describe('infra/azure.json and infra/botRegistration/azurebot.json', () => {
  test.each([MAIN_TEMPLATE, BOT_TEMPLATE])('every expression in %s parses and calls only Resource Manager functions', (file) => {
    const found = expressionsIn(readJson(file), file);
    expect(found.length).toBeGreaterThan(5);
    for (const { where, text } of found) {
      let calls: string[];
      try {
        calls = callsIn(parseArmExpression(text)).map((call) => call.name);
      } catch (error) {
        throw new Error(`${where}: ${(error as Error).message}`);
      }
      expect({ where, unknown: calls.filter((name) => !ARM_FUNCTIONS.has(name.toLowerCase())) }).toEqual({ where, unknown: [] });
    }
  });

  test('the whole deployment evaluates: only declared parameters, variables and resources, reference() at the declared API version', () => {
    const deployment = mainDeployment();
    expect(deployment.resources.map((r) => r.type).sort()).toEqual(Object.keys(API_VERSIONS).filter((type) => !type.startsWith('Microsoft.BotService')).sort());
    expect(Object.keys(deployment.nested)).toEqual(['botRegistration']);
    expect(deployment.nested.botRegistration.resources.map((r) => r.type)).toEqual(['Microsoft.BotService/botServices', 'Microsoft.BotService/botServices/channels']);
    // Each dependency is a resource the template declares (evaluating resourceId() proved it exists).
    for (const { resources } of [deployment, deployment.nested.botRegistration]) {
      const ids = resources.map((r) => r.id);
      for (const resource of resources) for (const dependency of resource.dependsOn ?? []) expect(ids).toContain(dependency);
    }
  });

  test('the evaluation is strict: an undeclared parameter, variable or resource, or another API version, fails naming it', () => {
    type Editable = { resources: { name: string; properties?: Record<string, unknown> }[] };
    const broken = (change: (template: Editable) => void): (() => unknown) => {
      const copy = JSON.parse(JSON.stringify(mainTemplate)) as Editable;
      change(copy);
      return () => deploy(copy as unknown as ArmTemplate, suppliedParameters());
    };
    expect(broken((t) => (t.resources[0].name = "[parameters('identityNmae')]"))).toThrow(/parameters\('identityNmae'\) is not declared/);
    expect(broken((t) => (t.resources[0].name = "[variables('identityNmae')]"))).toThrow(/variables\('identityNmae'\) is not declared/);
    expect(broken((t) => (t.resources[1].properties = { x: "[resourceId('Microsoft.Web/sites', 'elsewhere')]" }))).toThrow(ArmReferenceError);
    expect(broken((t) => (t.resources[1].properties = { x: "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', variables('identityName')), '2018-11-30').clientId]" }))).toThrow(/API version 2018-11-30/);
    expect(broken((t) => (t.resources[1].properties = { x: "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', variables('identityName')), '2024-11-30').clientID]" }))).toThrow(/clientID/);
  });

  test.each([
    [MAIN_TEMPLATE, mainTemplate],
    [BOT_TEMPLATE, botTemplate],
  ])('%s declares no parameter or variable it does not use', (file, template) => {
    // A nested template with inner scope has parameters of its own: it is checked as BOT_TEMPLATE.
    const resources = template.resources.map((r) => (r.type === 'Microsoft.Resources/deployments' ? { ...r, properties: { ...r.properties, template: undefined } } : r));
    const calls = expressionsIn({ resources, outputs: template.outputs, variables: template.variables, parameters: template.parameters }, file).flatMap(({ text }) => callsIn(parseArmExpression(text)));
    const named = (fn: string) => new Set(calls.filter((c) => c.name === fn).map((c) => (c.args[0] as { value: string }).value));
    expect(Object.keys(template.parameters ?? {}).filter((p) => !named('parameters').has(p))).toEqual([]);
    expect(Object.keys(template.variables ?? {}).filter((v) => !named('variables').has(v))).toEqual([]);
  });

  test('every resource type comes with its current API version', () => {
    const declared = [...mainTemplate.resources, ...botTemplate.resources].map((r) => [r.type, r.apiVersion]);
    for (const [type, apiVersion] of declared) expect({ type, apiVersion }).toEqual({ type, apiVersion: API_VERSIONS[type] });
  });

  test("azure.json's nested bot registration is infra/botRegistration/azurebot.json itself", () => {
    const nested = mainTemplate.resources.find((r) => r.type === 'Microsoft.Resources/deployments')?.properties?.template;
    // Edit azurebot.json, then copy it whole into that nested deployment's properties.template.
    expect(nested).toEqual(botTemplate);
  });

  test('with no parameters at all (az deployment group create --template-file infra/azure.json) every default evaluates', () => {
    const deployment = mainDeployment({});
    expect(resourceOf(deployment, 'Microsoft.Web/sites').name).toMatch(/^airbot[a-z0-9]{13}-app$/);
    expect(resourceOf(deployment, 'Microsoft.Web/serverfarms').sku).toMatchObject({ name: 'B1', capacity: 2 });
  });

  test('the parameters file sets only declared parameters, with values the template allows', () => {
    expect(Object.keys(suppliedParameters()).filter((name) => !mainTemplate.parameters?.[name])).toEqual([]);
    expect(() => mainDeployment()).not.toThrow();
  });
});

describe('what the deployment creates', () => {
  const deployment = mainDeployment();
  const settings = appSettingsOf(deployment);
  const identity = resourceOf(deployment, 'Microsoft.ManagedIdentity/userAssignedIdentities');
  const storage = resourceOf(deployment, 'Microsoft.Storage/storageAccounts');
  const site = resourceOf(deployment, 'Microsoft.Web/sites');
  const siteConfig = site.properties?.siteConfig as Record<string, unknown>;

  test("one user-assigned managed identity is the bot's identity and its storage identity", () => {
    expect(site.identity).toEqual({ type: 'UserAssigned', userAssignedIdentities: { [identity.id]: {} } });
    expect(settings).toMatchObject({ MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: IDENTITY.clientId, MicrosoftAppTenantId: IDENTITY.tenantId, AZURE_CLIENT_ID: IDENTITY.clientId });
    expect(settings).not.toHaveProperty('MicrosoftAppPassword');
  });

  test('a Linux App Service plan with the instance count as a parameter, 2 by default', () => {
    const plan = resourceOf(deployment, 'Microsoft.Web/serverfarms');
    expect(plan).toMatchObject({ kind: 'linux', properties: { reserved: true }, sku: { capacity: 2 } });
    expect(mainTemplate.parameters?.instanceCount.defaultValue).toBe(2);
    const four = resourceOf(mainDeployment({ ...suppliedParameters(), instanceCount: 4 }), 'Microsoft.Web/serverfarms');
    expect(four.sku).toMatchObject({ capacity: 4 });
  });

  test('a Web App on Node 24: HTTPS only, TLS 1.2, health check /readyz, no ARR affinity, always on, started from the bundle', () => {
    expect(site).toMatchObject({ kind: 'app,linux', properties: { httpsOnly: true, clientAffinityEnabled: false, serverFarmId: resourceOf(deployment, 'Microsoft.Web/serverfarms').id } });
    expect(siteConfig).toMatchObject({ linuxFxVersion: 'NODE|24-lts', minTlsVersion: '1.2', healthCheckPath: '/readyz', alwaysOn: true, ftpsState: 'Disabled' });
    // The runtime is the one the project is built for, and the command starts what package.json ships.
    expect(siteConfig.linuxFxVersion).toBe(`NODE|${readRepoFile('.nvmrc').trim()}-lts`);
    const { main } = readJson<{ main: string }>('package.json');
    expect(siteConfig.appCommandLine).toBe(`node ${main}`);
    expect(readRepoFile('src/http/server.ts')).toContain("'/readyz'");
  });

  test('a storage account reached with Microsoft Entra ID only: no shared key, no public blobs, TLS 1.2', () => {
    expect(storage.properties).toMatchObject({ allowSharedKeyAccess: false, allowBlobPublicAccess: false, minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true });
    expect(settings.STORAGE).toBe('blob');
    expect(settings.AZURE_STORAGE_ACCOUNT_URL).toBe(`https://${storage.name}.blob.core.windows.net`);
    expect(storage.name).toMatch(/^[a-z0-9]{3,24}$/);
  });

  test("the bot's container, private", () => {
    const container = resourceOf(deployment, 'Microsoft.Storage/storageAccounts/blobServices/containers');
    expect(container.name).toBe(`${storage.name}/default/${settings.AZURE_STORAGE_CONTAINER}`);
    expect(container.properties).toEqual({ publicAccess: 'None' });
  });

  test.each([
    [1, 1],
    [24, 1],
    [25, 2],
    [72, 3],
    [8760, 365],
  ])('a lifecycle rule deletes its blobs STATE_TTL_HOURS=%i after their last change: %i day(s), hours rounded up', (hours, days) => {
    const policy = resourceOf(mainDeployment({ ...suppliedParameters(), stateTtlHours: hours }), 'Microsoft.Storage/storageAccounts/managementPolicies');
    const [rule] = (policy.properties?.policy as { rules: { enabled: boolean; definition: { filters: unknown; actions: unknown } }[] }).rules;
    expect(rule.enabled).toBe(true);
    expect(rule.definition.filters).toEqual({ blobTypes: ['blockBlob'], prefixMatch: [`${settings.AZURE_STORAGE_CONTAINER}/`] });
    expect(rule.definition.actions).toEqual({ baseBlob: { delete: { daysAfterModificationGreaterThan: days } } });
  });

  test('Storage Blob Data Contributor on that account for the identity, as a service principal, under a guid() name', () => {
    const assignment = resourceOf(deployment, 'Microsoft.Authorization/roleAssignments');
    expect(assignment.id.startsWith(`${storage.id}/providers/Microsoft.Authorization/roleAssignments/`)).toBe(true);
    expect(assignment.properties).toEqual({
      roleDefinitionId: expect.stringMatching(/\/providers\/Microsoft\.Authorization\/roleDefinitions\/ba92f5b4-2d11-453d-a403-e96b0029c9fe$/),
      principalId: IDENTITY.principalId,
      principalType: 'ServicePrincipal',
    });
    const nameCall = parseArmExpression(mainTemplate.resources.find((r) => r.type === 'Microsoft.Authorization/roleAssignments')?.name ?? '');
    expect(nameCall).toMatchObject({ kind: 'call', name: 'guid' });
    expect(assignment.name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('the Web App starts only once its storage role, container and telemetry exist; the Azure Bot once the Web App does', () => {
    const ids = (type: string) => resourceOf(deployment, type).id;
    expect(site.dependsOn).toEqual(
      expect.arrayContaining([
        ids('Microsoft.Authorization/roleAssignments'),
        ids('Microsoft.Storage/storageAccounts/blobServices/containers'),
        ids('Microsoft.Insights/components'),
        ids('Microsoft.Web/serverfarms'),
        identity.id,
      ]),
    );
    expect(resourceOf(deployment, 'Microsoft.Resources/deployments').dependsOn).toEqual(expect.arrayContaining([site.id]));
  });

  test("an Azure Bot with the identity as its app, the Teams channel and the Web App's /api/messages", () => {
    const bot = deployment.nested.botRegistration;
    expect(resourceOf(bot, 'Microsoft.BotService/botServices')).toMatchObject({
      kind: 'azurebot',
      location: 'global',
      properties: {
        msaAppType: 'UserAssignedMSI',
        msaAppId: IDENTITY.clientId,
        msaAppTenantId: IDENTITY.tenantId,
        msaAppMSIResourceId: identity.id,
        endpoint: `https://${site.name}.azurewebsites.net/api/messages`,
      },
    });
    expect(resourceOf(bot, 'Microsoft.BotService/botServices/channels').properties).toEqual({ channelName: 'MsTeamsChannel', properties: { isEnabled: true } });
  });

  test('Application Insights on a Log Analytics workspace, its connection string in APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
    const workspace = resourceOf(deployment, 'Microsoft.OperationalInsights/workspaces');
    expect(resourceOf(deployment, 'Microsoft.Insights/components').properties).toMatchObject({ WorkspaceResourceId: workspace.id });
    expect(settings.APPLICATIONINSIGHTS_CONNECTION_STRING).toBe(CONNECTION_STRING);
  });

  test("its outputs are what m365agents.yml and the app package use", () => {
    expect(deployment.outputs).toEqual({
      BOT_ID: IDENTITY.clientId,
      BOT_TENANT_ID: IDENTITY.tenantId,
      BOT_AZURE_APP_SERVICE_RESOURCE_ID: site.id,
      BOT_DOMAIN: `${site.name}.azurewebsites.net`,
      BOT_SERVICE_NAME: resourceOf(deployment.nested.botRegistration, 'Microsoft.BotService/botServices').name,
    });
  });
});

/**
 * Variables the bot reads that the deployment leaves unset, and why. A variable the bot reads is
 * either set by the templates or listed here; nothing else.
 */
const NOT_SET: Record<string, string> = {
  PORT: 'App Service sets it for the built-in Node image',
  HOST: 'with MicrosoftAppId set the bot listens on every interface, which App Service needs',
  MicrosoftAppPassword: 'a secret; a UserAssignedMSI bot has none',
  AZURE_STORAGE_CONNECTION_STRING: 'a key or SAS (Azurite, development); the deployment reaches Blob storage with Microsoft Entra ID',
  STATE_DB_PATH: 'SQLite only; the deployment uses Blob storage',
  STATE_TTL_HOURS: 'SQLite only; with Blob storage the lifecycle rule applies it (the stateTtlHours parameter)',
  RECORD_TTL_DAYS: 'SQLite only; with Blob storage the lifecycle rule decides',
  GRAPH_BASE_URL: "tests only: a local Graph; the default is Microsoft's",
  DEFENDER_API_BASE_URL: "tests only: a local Defender for Endpoint API; the default is Microsoft's",
  OAUTH_API_URL: "tests only: a local token service; the default is the Bot Framework's",
  ToBotFromChannelOpenIdMetadataUrl: "tests only: a local token authority; the default is the Bot Framework's",
  ToBotFromChannelTokenIssuer: "tests only: a local token authority's issuer",
  INTAKE_OPENID_METADATA_URL: "tests only: a local key set for pushed tokens; the default is Entra's for MicrosoftAppTenantId",
  INTAKE_THREAD_INTERVAL_MS: 'tests and the bench only: production keeps one new thread a second',
  UNDO_POLL_INTERVAL_MS: "tests mostly: production reads a device undo's machine action every 5 s, the default",
  UNDO_POLL_LIMIT_MS: 'tests mostly: production follows a machine action for 2 minutes, the default',
  OTEL_SERVICE_NAME: "set by the bot itself when unset (its cloud role name); OpenTelemetry's SDK reads it",
};

/** App settings for App Service itself, not the bot. */
const PLATFORM_SETTINGS: Record<string, string> = {
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'App Service installs the dependencies from package-lock.json after a zip deploy',
  CUSTOM_BUILD_COMMAND: 'only the production dependencies, with no build (the bundle is built before the deploy)',
};

describe('the app settings are the variables the bot reads', () => {
  const read = variablesTheBotReads();
  const settings = appSettingsOf(mainDeployment());

  test('the list of variables the bot reads is found', () => {
    expect([...read]).toEqual(expect.arrayContaining(['MicrosoftAppId', 'STORAGE', 'APPLICATIONINSIGHTS_CONNECTION_STRING', 'GRAPH_BASE_URL', 'OAUTH_CONNECTION_NAME']));
  });

  test('every variable the bot reads is set by infra/azure.json, or listed as left unset with why', () => {
    // A variable named here is read by src/ but missing from the Web App's siteConfig.appSettings.
    const missing = [...read].filter((name) => !(name in settings) && !(name in NOT_SET)).sort();
    expect(missing).toEqual([]);
  });

  test('every app setting is a variable the bot reads, or one of App Service itself', () => {
    const unread = Object.keys(settings).filter((name) => !read.has(name) && !(name in PLATFORM_SETTINGS));
    expect(unread).toEqual([]);
    expect(Object.keys(settings).filter((name) => name in NOT_SET)).toEqual([]);
  });

  test('each variable listed as left unset is one the bot still reads', () => {
    expect(Object.keys(NOT_SET).filter((name) => !read.has(name))).toEqual([]);
  });

  test('config.ts accepts the identity, telemetry, tenant and action settings the deployment gives', () => {
    const config = loadConfig({ ...settings, STORAGE: 'memory', PORT: '8080' });
    expect(config.identity).toEqual({ appId: IDENTITY.clientId, appPassword: '', appType: 'UserAssignedMSI', tenantId: IDENTITY.tenantId });
    expect(config).toMatchObject({ host: undefined, anonymousBeyondLoopback: false, allowedTenantIds: [IDENTITY.tenantId], applicationInsightsConnectionString: CONNECTION_STRING, directActions: 'off', maxTurnsInFlight: 200 });
  });

  test('config.ts accepts the storage settings: Blob storage by its account URL with the identity, no connection string', () => {
    const config = loadConfig({ ...settings, PORT: '8080' });
    expect(config.storage).toEqual({ kind: 'blob', accountUrl: settings.AZURE_STORAGE_ACCOUNT_URL, clientId: IDENTITY.clientId, container: settings.AZURE_STORAGE_CONTAINER });
    expect(config.azureClientId).toBe(IDENTITY.clientId);
  });
});

/** What would put a secret into a template, a parameter file or the committed environment. */
const SECRET_SHAPES = [
  /AccountKey=/i,
  /SharedAccessSignature=/i,
  /[?&]sig=/i,
  /DefaultEndpointsProtocol=/i,
  /InstrumentationKey=/i,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/,
  /\blist(Keys|Secrets|AccountSas|ServiceSas)?\(/i,
];

const secretsIn = (text: string): string[] => SECRET_SHAPES.filter((shape) => shape.test(text)).map(String);

describe('no secret in any template, parameter file or the committed environment', () => {
  const files = [MAIN_TEMPLATE, BOT_TEMPLATE, PARAMETERS_FILE, DEV_ENVIRONMENT, 'm365agents.yml'];

  test.each(files)('%s holds no key, SAS, connection string, token or list*() call', (file) => {
    expect(secretsIn(readRepoFile(file))).toEqual([]);
  });

  test('the check finds them', () => {
    expect(secretsIn('DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc==')).toHaveLength(2);
    expect(secretsIn("[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'a'), '2025-01-01').keys[0].value]")).toHaveLength(1);
  });

  test('no parameter is a secure string and no setting is a password or secret: none is needed', () => {
    const parameters = [...Object.values(mainTemplate.parameters ?? {}), ...Object.values(botTemplate.parameters ?? {})];
    expect(parameters.filter((p) => p.type.toLowerCase().startsWith('secure'))).toEqual([]);
    expect(Object.keys(appSettingsOf(mainDeployment())).filter((name) => /password|secret|key$/i.test(name))).toEqual([]);
    // The Toolkit keeps SECRET_ variables in env/.env.dev.user (ignored by git); nothing here needs one.
    expect(readRepoFile(DEV_ENVIRONMENT)).not.toMatch(/^SECRET_/m);
  });
});
