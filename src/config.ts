import { isIP } from 'node:net';
import { DIRECT_ACTION_MODES, DirectActionMode } from './core/actions/mode';
import { DEFAULT_MAX_TURNS_IN_FLIGHT } from './ops/inFlightTurns';
import { StorageSettings } from './storage/createStorage';
import { DEFAULT_RECORD_TTL_DAYS, DEFAULT_STATE_DB_PATH, DEFAULT_STATE_TTL_HOURS } from './storage/sqlite/sqliteStorage';

/** Environment -> typed, validated settings. A bad value stops start-up with one line naming the variable. */

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface BotIdentity {
  readonly appId: string;
  readonly appPassword: string;
  readonly appType: AppType;
  readonly tenantId: string;
  /** Undefined: tokens are checked against the public Bot Framework's keys (production). */
  readonly tokenAuthority?: TokenAuthority;
}

/** Who signs the tokens on incoming requests; overridden only to test against a local key set. */
export interface TokenAuthority {
  /** OpenID configuration document whose jwks_uri lists the signing keys. */
  readonly openIdMetadataUrl: string;
  /** The `iss` every channel token must carry. */
  readonly issuer: string;
}

export interface Config {
  readonly port: number;
  /** The address to listen on; undefined: every interface. */
  readonly host: string | undefined;
  /** Anonymous, yet listening beyond this machine: anyone who reaches it is served without a token. */
  readonly anonymousBeyondLoopback: boolean;
  /** Turns handled at once; beyond it requests are answered 503. */
  readonly maxTurnsInFlight: number;
  /** Undefined: anonymous local mode (no tokens checked), for the emulator and Agents Playground. */
  readonly identity: BotIdentity | undefined;
  readonly storage: StorageSettings;
  /** Empty: any tenant may use the bot. */
  readonly allowedTenantIds: readonly string[];
  readonly logLevel: string;
  /** Undefined: no traces or metrics are exported, and OpenTelemetry's SDK is not loaded. */
  readonly applicationInsightsConnectionString: string | undefined;
  /** `off` (default): answer cards offer no action; `dry-run`: actions are confirmed and shown, never sent. */
  readonly directActions: DirectActionMode;
  /** Base URLs of Microsoft Graph and the Defender for Endpoint API, for DIRECT_ACTIONS=on. */
  readonly securityApis: SecurityApiUrls;
  /** How a direct action gets the analyst's own token. */
  readonly signIn: SignInSettings;
  /** AZURE_CLIENT_ID: the user-assigned managed identity for Azure resources (see src/ops/azureCredential.ts); undefined: DefaultAzureCredential. */
  readonly azureClientId: string | undefined;
  /** Incidents brought to a channel (issue 26); undefined: off (no INTAKE_CHANNEL_ID). */
  readonly intake: IntakeSettings | undefined;
  /** Undo from Teams (issue 27): who may move an email back, and how long a device undo is followed. */
  readonly undo: UndoSettings;
  /** Entra's host for the bot's own application tokens (the @azure/identity convention). */
  readonly authorityHost: string;
}

export interface UndoSettings {
  /** The Entra group whose members may move an email back to the inbox; undefined: that undo is not offered. */
  readonly approversGroupId: string | undefined;
  /** How often a device undo's machine action is read, and for how long, before the card says "still running". */
  readonly pollIntervalMs: number;
  readonly pollLimitMs: number;
}

export const INTAKE_ALERT_MODES = ['air', 'all'] as const;
export type IntakeAlertMode = (typeof INTAKE_ALERT_MODES)[number];

/** Where incidents are posted, how they are found (polled, pushed, or both), and with which identity Graph is read. */
export interface IntakeSettings {
  /** A standard channel's id, `19:...@thread.tacv2`. */
  readonly channelId: string;
  /** The team's id, sent where the Connector needs it; undefined: not sent. */
  readonly teamId: string | undefined;
  /** The Connector the proactive posts go to (INTAKE_SERVICE_URL); undefined: the one last seen from the channel, else DEFAULT_INTAKE_SERVICE_URL. */
  readonly serviceUrl: string | undefined;
  /** Seconds between two reads of alerts_v2; undefined: no polling (push only). */
  readonly pollSeconds: number | undefined;
  readonly alerts: IntakeAlertMode;
  /** Undefined: POST /api/intake answers 404. */
  readonly push: IntakePush | undefined;
  /** Entra's host for the bot's own application token (the @azure/identity convention). */
  readonly authorityHost: string;
  /** The user-assigned managed identity's client id, when MicrosoftAppType is UserAssignedMSI. */
  readonly managedIdentityClientId: string | undefined;
  /** The least time between two new threads in the channel: 1 s, shorter only for tests and the bench. */
  readonly threadIntervalMs: number;
}

/** Who may push an incident id: an Entra token for this audience, from one of these callers. */
export interface IntakePush {
  readonly audience: string;
  /** Object ids or app ids, lower case. */
  readonly allowedCallers: readonly string[];
  readonly openIdMetadataUrl: string;
}

export interface SecurityApiUrls {
  readonly graphBaseUrl: string;
  readonly defenderBaseUrl: string;
}

/**
 * The analyst's sign-in for direct actions: the Azure Bot's OAuth connections, one per audience (an
 * Entra token is for one resource only), and the Bot Framework token service that holds their tokens.
 */
export interface SignInSettings {
  /** The connection whose tokens are for Microsoft Graph (submissions, alerts); undefined: none set up. */
  readonly graphConnection: string | undefined;
  /** The connection whose tokens are for the Defender for Endpoint API (indicators); undefined: none set up. */
  readonly defenderConnection: string | undefined;
  /** The token service's base URL; another one only for tests. */
  readonly tokenServiceUrl: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const APP_TYPES: readonly AppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const value = (env: Env, name: string): string => (env[name] ?? '').trim();

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = value(env, name);
  if (raw === '') return fallback;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return parsed;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = value(env, name);
  if (raw === '') return fallback;
  const match = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
  if (!match) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  return match;
}

function required(env: Env, name: string, why: string): string {
  const raw = value(env, name);
  if (raw === '') throw new ConfigError(name, `is required ${why}`);
  return raw;
}

function guid(name: string, raw: string): string {
  if (!GUID.test(raw)) throw new ConfigError(name, `must be a GUID, got "${raw.slice(0, 60)}"`);
  return raw;
}

const METADATA_URL = 'ToBotFromChannelOpenIdMetadataUrl';
const TOKEN_ISSUER = 'ToBotFromChannelTokenIssuer';
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** What is fetched over plain HTTP could be swapped in transit, so http is accepted for this machine only. */
/** An https URL, or http on this machine (local servers in tests): the only URLs a token may travel to. */
export function isSecureUrl(raw: string): boolean {
  if (!URL.canParse(raw)) return false;
  const url = new URL(raw);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname));
}

function secureUrl(variable: string, raw: string): string {
  if (!URL.canParse(raw)) throw new ConfigError(variable, `must be a URL, got "${raw.slice(0, 60)}"`);
  if (!isSecureUrl(raw)) throw new ConfigError(variable, 'must be an https URL (http only for localhost)');
  return raw;
}

function tokenAuthority(env: Env): TokenAuthority | undefined {
  const url = value(env, METADATA_URL);
  const issuer = value(env, TOKEN_ISSUER);
  if (url === '' && issuer === '') return undefined;
  if (url === '') throw new ConfigError(METADATA_URL, `is required when ${TOKEN_ISSUER} is set`);
  if (issuer === '') throw new ConfigError(TOKEN_ISSUER, `is required when ${METADATA_URL} is set`);
  return { openIdMetadataUrl: secureUrl(METADATA_URL, url), issuer };
}

function identity(env: Env): BotIdentity | undefined {
  const appId = value(env, 'MicrosoftAppId');
  if (appId === '') {
    const appType = oneOf(env, 'MicrosoftAppType', APP_TYPES, 'MultiTenant');
    // MultiTenant is also the template's default, so only the other two say an identity was meant.
    if (appType !== 'MultiTenant') throw new ConfigError('MicrosoftAppId', `is required when MicrosoftAppType is ${appType}`);
    if (value(env, 'MicrosoftAppPassword') !== '') {
      throw new ConfigError('MicrosoftAppId', 'is empty but MicrosoftAppPassword is set; set both, or neither for local use');
    }
    if (tokenAuthority(env)) {
      throw new ConfigError(METADATA_URL, 'is set but MicrosoftAppId is empty: tokens are only checked with an app id');
    }
    return undefined;
  }
  guid('MicrosoftAppId', appId);
  const appType = oneOf(env, 'MicrosoftAppType', APP_TYPES, 'MultiTenant');
  const appPassword = appType === 'UserAssignedMSI' ? '' : required(env, 'MicrosoftAppPassword', `when MicrosoftAppType is ${appType}`);
  const tenantId =
    appType === 'MultiTenant'
      ? value(env, 'MicrosoftAppTenantId')
      : guid('MicrosoftAppTenantId', required(env, 'MicrosoftAppTenantId', `when MicrosoftAppType is ${appType}`));
  const authority = tokenAuthority(env);
  return { appId, appPassword, appType, tenantId, ...(authority ? { tokenAuthority: authority } : {}) };
}

function storage(env: Env): StorageSettings {
  const kind = oneOf(env, 'STORAGE', ['sqlite', 'blob', 'memory'] as const, 'sqlite');
  switch (kind) {
    case 'sqlite':
      return {
        kind,
        path: value(env, 'STATE_DB_PATH') || DEFAULT_STATE_DB_PATH,
        ttlHours: integer(env, 'STATE_TTL_HOURS', DEFAULT_STATE_TTL_HOURS, 1, 24 * 365),
        recordTtlDays: integer(env, 'RECORD_TTL_DAYS', DEFAULT_RECORD_TTL_DAYS, 1, 3650),
      };
    case 'blob':
      return { kind, ...blobAccount(env), container: required(env, 'AZURE_STORAGE_CONTAINER', 'when STORAGE is blob') };
    case 'memory':
      return { kind };
  }
}

const CONNECTION_STRING = 'AZURE_STORAGE_CONNECTION_STRING';
const ACCOUNT_URL = 'AZURE_STORAGE_ACCOUNT_URL';
const CLIENT_ID = 'AZURE_CLIENT_ID';

/** The user-assigned managed identity the app uses for Azure resources; undefined: DefaultAzureCredential decides. */
function azureClientId(env: Env): string | undefined {
  const raw = value(env, CLIENT_ID);
  return raw === '' ? undefined : guid(CLIENT_ID, raw);
}

/**
 * Blob storage is reached either with Microsoft Entra ID (the account's URL; the token comes from the
 * app's identity) or with a key or SAS connection string (Azurite, development): one of them, never both.
 */
function blobAccount(env: Env): { connectionString: string } | { accountUrl: string; clientId?: string } {
  const connectionString = value(env, CONNECTION_STRING);
  const accountUrl = value(env, ACCOUNT_URL);
  if (connectionString !== '' && accountUrl !== '') throw new ConfigError(ACCOUNT_URL, `is set together with ${CONNECTION_STRING}; set one of them`);
  if (connectionString !== '') return { connectionString };
  if (accountUrl === '') throw new ConfigError(ACCOUNT_URL, `is required when STORAGE is blob (or ${CONNECTION_STRING} for a key or SAS)`);
  const url = new URL(secureUrl(ACCOUNT_URL, accountUrl));
  // A bearer token must not ride on a URL that could carry it elsewhere: no credentials, query or fragment.
  if (url.username || url.password || url.search || url.hash) throw new ConfigError(ACCOUNT_URL, 'must be the account\'s blob endpoint, https://<account>.blob.core.windows.net, with nothing after it');
  const clientId = azureClientId(env);
  return { accountUrl: url.href.replace(/\/+$/, ''), ...(clientId ? { clientId } : {}) };
}

/** The setting that names where state is kept, for an error about it. */
export function storageVariable(settings: StorageSettings): string {
  switch (settings.kind) {
    case 'sqlite':
      return 'STATE_DB_PATH';
    case 'blob':
      return 'connectionString' in settings ? CONNECTION_STRING : ACCOUNT_URL;
    case 'memory':
      return 'STORAGE';
  }
}

function tenants(env: Env): string[] {
  const list = value(env, 'ALLOWED_TENANT_IDS');
  if (list === '') return [];
  return list.split(',').map((t) => guid('ALLOWED_TENANT_IDS', t.trim()).toLowerCase());
}

const APPLICATION_INSIGHTS = 'APPLICATIONINSIGHTS_CONNECTION_STRING';
/** The settings of a connection string that say where telemetry is sent. */
const ENDPOINT_SETTINGS = ['ingestionendpoint', 'liveendpoint'];

/**
 * An Application Insights connection string, as the Azure portal shows it:
 * `InstrumentationKey=<GUID>;IngestionEndpoint=https://...;...`. Only its shape is said in an error.
 */
function applicationInsights(env: Env): string | undefined {
  const raw = value(env, APPLICATION_INSIGHTS);
  if (raw === '') return undefined;
  const settings = new Map<string, string>();
  for (const part of raw.split(';').filter((p) => p.trim() !== '')) {
    const equals = part.indexOf('=');
    if (equals <= 0) throw new ConfigError(APPLICATION_INSIGHTS, 'must be Key=value pairs separated by ";", as the Azure portal shows it');
    settings.set(part.slice(0, equals).trim().toLowerCase(), part.slice(equals + 1).trim());
  }
  const key = settings.get('instrumentationkey') ?? '';
  if (!GUID.test(key)) throw new ConfigError(APPLICATION_INSIGHTS, 'must hold InstrumentationKey=<a GUID>');
  for (const setting of ENDPOINT_SETTINGS) {
    const endpoint = settings.get(setting);
    // The exporter sends over https whatever the scheme says; a plain http endpoint is a mistake to point out.
    if (endpoint !== undefined && !(URL.canParse(endpoint) && new URL(endpoint).protocol === 'https:')) {
      throw new ConfigError(APPLICATION_INSIGHTS, `its endpoints must be https URLs, got "${endpoint.slice(0, 60)}"`);
    }
  }
  return raw;
}

/** The public Bot Framework token service (the SDK's AuthenticationConstants.OAuthUrl, not imported: config loads no SDK). */
const PUBLIC_TOKEN_SERVICE = 'https://api.botframework.com';
const GRAPH_CONNECTION = 'OAUTH_CONNECTION_NAME';

/** Acting as the analyst needs at least the Graph connection; the Defender one only for allow indicators. */
function signIn(env: Env, directActions: DirectActionMode): SignInSettings {
  const graphConnection = value(env, GRAPH_CONNECTION) || undefined;
  const defenderConnection = value(env, 'DEFENDER_OAUTH_CONNECTION_NAME') || undefined;
  const tokenServiceUrl = secureUrl('OAUTH_API_URL', value(env, 'OAUTH_API_URL') || PUBLIC_TOKEN_SERVICE);
  if (directActions === 'on' && !graphConnection) throw new ConfigError(GRAPH_CONNECTION, "is required when DIRECT_ACTIONS is on: the Azure Bot's OAuth connection for Microsoft Graph");
  return { graphConnection, defenderConnection, tokenServiceUrl };
}

/** Where confirmed actions are sent: Microsoft's services unless a test points elsewhere. The analyst's token goes with each call. */
function securityApis(env: Env): SecurityApiUrls {
  const url = (name: string, fallback: string): string => secureUrl(name, value(env, name) || fallback);
  return { graphBaseUrl: url('GRAPH_BASE_URL', 'https://graph.microsoft.com'), defenderBaseUrl: url('DEFENDER_API_BASE_URL', 'https://api.securitycenter.microsoft.com') };
}

const CHANNEL_ID = /^19:[A-Za-z0-9_.\-]+@thread\.(tacv2|skype)$/;
/** Teams' public Connector, for proactive posts before the bot has seen one from the channel. */
export const DEFAULT_INTAKE_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
const INTAKE_CHANNEL = 'INTAKE_CHANNEL_ID';

function intakePush(env: Env, bot: BotIdentity | undefined, authorityHost: string): IntakePush | undefined {
  const audience = value(env, 'INTAKE_AUDIENCE');
  const callers = value(env, 'INTAKE_ALLOWED_CALLERS');
  if (audience === '') {
    if (callers !== '') throw new ConfigError('INTAKE_AUDIENCE', 'is required when INTAKE_ALLOWED_CALLERS is set');
    return undefined;
  }
  // The issuer checked is the bot's own tenant: a push from any other tenant is refused.
  if (!bot?.tenantId) throw new ConfigError('MicrosoftAppTenantId', 'is required when INTAKE_AUDIENCE is set: pushed tokens must come from your tenant');
  const allowedCallers = callers.split(',').map((caller) => caller.trim()).filter((caller) => caller !== '');
  if (allowedCallers.length === 0) throw new ConfigError('INTAKE_ALLOWED_CALLERS', 'is required when INTAKE_AUDIENCE is set: the object ids or app ids that may push');
  allowedCallers.forEach((caller) => guid('INTAKE_ALLOWED_CALLERS', caller));
  const metadata = value(env, 'INTAKE_OPENID_METADATA_URL') || `${authorityHost}/${bot.tenantId}/v2.0/.well-known/openid-configuration`;
  return { audience, allowedCallers: allowedCallers.map((caller) => caller.toLowerCase()), openIdMetadataUrl: secureUrl('INTAKE_OPENID_METADATA_URL', metadata) };
}

/** Off unless INTAKE_CHANNEL_ID names a channel; the other INTAKE_ settings without it are a mistake worth saying. */
function intake(env: Env, bot: BotIdentity | undefined): IntakeSettings | undefined {
  const channelId = value(env, INTAKE_CHANNEL);
  const pollSeconds = value(env, 'INTAKE_POLL_SECONDS') === '' ? undefined : integer(env, 'INTAKE_POLL_SECONDS', 60, 1, 86_400);
  const alerts = oneOf(env, 'INTAKE_ALERTS', INTAKE_ALERT_MODES, 'air');
  const authorityHost = authorityHostOf(env);
  const managedIdentityClientId = azureClientId(env);
  const push = intakePush(env, bot, authorityHost);
  const teamId = value(env, 'INTAKE_TEAM_ID') || undefined;
  const serviceUrl = value(env, 'INTAKE_SERVICE_URL') === '' ? undefined : secureUrl('INTAKE_SERVICE_URL', value(env, 'INTAKE_SERVICE_URL'));
  if (channelId === '') {
    if (pollSeconds !== undefined || push) throw new ConfigError(INTAKE_CHANNEL, 'is required when INTAKE_POLL_SECONDS or INTAKE_AUDIENCE is set: the channel incidents are posted to');
    return undefined;
  }
  if (!CHANNEL_ID.test(channelId)) throw new ConfigError(INTAKE_CHANNEL, `must be a standard channel's id, 19:...@thread.tacv2, got "${channelId.slice(0, 60)}"`);
  const threadIntervalMs = integer(env, 'INTAKE_THREAD_INTERVAL_MS', 1000, 0, 60_000);
  return { channelId, teamId, serviceUrl, pollSeconds, alerts, push, authorityHost, managedIdentityClientId, threadIntervalMs };
}

const authorityHostOf = (env: Env): string => secureUrl('AZURE_AUTHORITY_HOST', value(env, 'AZURE_AUTHORITY_HOST') || DEFAULT_AUTHORITY_HOST).replace(/\/+$/, '');

/** A machine action is followed for two minutes at most: under the three minutes after which a send counts as cut off. */
function undo(env: Env): UndoSettings {
  const group = value(env, 'UNDO_EMAIL_APPROVERS_GROUP_ID');
  return {
    approversGroupId: group === '' ? undefined : guid('UNDO_EMAIL_APPROVERS_GROUP_ID', group).toLowerCase(),
    pollIntervalMs: integer(env, 'UNDO_POLL_INTERVAL_MS', 5_000, 10, 60_000),
    pollLimitMs: integer(env, 'UNDO_POLL_LIMIT_MS', 120_000, 0, 150_000),
  };
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

function host(env: Env): string | undefined {
  const raw = value(env, 'HOST');
  if (raw === '') return undefined;
  if (isIP(raw) === 0 && !HOSTNAME.test(raw)) throw new ConfigError('HOST', `must be an IP address or a host name, got "${raw.slice(0, 60)}"`);
  return raw;
}

const isLoopback = (address: string): boolean => address === 'localhost' || address === '::1' || (isIP(address) === 4 && address.startsWith('127.'));

/** Without tokens checked the bot serves this machine only, unless HOST says otherwise. */
const ANONYMOUS_HOST = '127.0.0.1';

export function loadConfig(env: Env): Config {
  const bot = identity(env);
  const explicitHost = host(env);
  const listenOn = explicitHost ?? (bot ? undefined : ANONYMOUS_HOST);
  const directActions = oneOf(env, 'DIRECT_ACTIONS', DIRECT_ACTION_MODES, 'off');
  return {
    port: integer(env, 'PORT', 3978, 0, 65535),
    host: listenOn,
    anonymousBeyondLoopback: !bot && (listenOn === undefined || !isLoopback(listenOn)),
    maxTurnsInFlight: integer(env, 'MAX_TURNS_IN_FLIGHT', DEFAULT_MAX_TURNS_IN_FLIGHT, 1, 100_000),
    identity: bot,
    storage: storage(env),
    allowedTenantIds: tenants(env),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    applicationInsightsConnectionString: applicationInsights(env),
    signIn: signIn(env, directActions),
    directActions,
    securityApis: securityApis(env),
    azureClientId: azureClientId(env),
    intake: intake(env, bot),
    undo: undo(env),
    authorityHost: authorityHostOf(env),
  };
}
