import { randomUUID } from 'node:crypto';
import type * as restify from 'restify';
import { AnalystSignIn, ActionCallSettings } from './bot/actions';
import type { Track } from './bot/delivery';
import { createAdapter, pushTokenCheck, tenantGate } from './bot/auth';
import { channelSeen, FlowRunner } from './bot/turns';
import { botTurns } from './bot/httpTurns';
import { TeamsBot } from './bot/teamsBot';
import { warmUp } from './bot/warmUp';
import { Config, ConfigError, storageVariable } from './config';
import type { ActionKind } from './core/actions/model';
import { FlowDependencies } from './core/flow/conversation';
import { credentialVariables } from './ops/azureCredential';
import { InFlightTurns } from './ops/inFlightTurns';
import { createLogger, Logger } from './ops/logger';
import { createShutdown } from './ops/shutdown';
import { createServer, EdgeLimits } from './http/server';
import { createStorage, StorageHandle, StorageSettings } from './storage/createStorage';
import { appTokens, Intake, startIntake } from './intake';

const MAX_STARTUP_PROBLEM_LENGTH = 200;

/** A start-up failure in one line: its code and message, without the stack. */
export const problemOf = (error: unknown): string => {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = String(message ?? error);
  // Node's own messages already start with their code; SQLite's do not.
  const prefix = typeof code === 'string' && !text.startsWith(code) ? `${code} ` : '';
  return `${prefix}${text}`.slice(0, MAX_STARTUP_PROBLEM_LENGTH);
};

/** A store that cannot be opened (read-only directory, corrupt file) is a setting to fix: said as one. */
function openStorage(settings: StorageSettings, log: Logger): StorageHandle {
  try {
    return createStorage(settings, log);
  } catch (error) {
    const where = settings.kind === 'sqlite' && settings.path ? ` (${settings.path})` : '';
    throw new ConfigError(storageVariable(settings), `the state store${where} could not be opened: ${problemOf(error)}`);
  }
}

/** A store that cannot be used at start (no token from the app's identity) is a setting to fix, too. */
async function openedStorage(storage: StorageHandle, settings: StorageSettings): Promise<void> {
  try {
    await storage.open();
  } catch (error) {
    const identity = settings.kind === 'blob' && 'accountUrl' in settings ? ` with the app's identity (${credentialVariables(settings.clientId)})` : '';
    throw new ConfigError(storageVariable(settings), `the state store could not be reached${identity}: ${problemOf(error)}`);
  }
}

/** With DIRECT_ACTIONS=on, an indicator and a device undo need the Defender sign-in, which a tenant may leave out. */
const notSetUp = (config: Config): ActionKind[] =>
  config.directActions === 'on' && !config.signIn.defenderConnection ? ['allow-indicator', 'unisolate-device', 'unrestrict-device'] : [];

/** What the conversation needs from outside: walk ids, and direct actions when they are switched on. */
function flowDependenciesOf(config: Config, newWalkId: () => string): FlowDependencies {
  return {
    newWalkId,
    ...(config.directActions === 'off'
      ? {}
      : { directActions: { mode: config.directActions, now: Date.now, newKey: randomUUID, notSetUp: notSetUp(config), approversGroupId: config.undo.approversGroupId } }),
  };
}

/** The bot on its store: the one builder of TeamsBot, for the app and for tests that drive it through the SDK's TestAdapter. */
export const createBot = (storage: StorageHandle['storage'], dependencies: FlowDependencies, log: Logger, actionCalls?: ActionCallSettings, track?: Track): TeamsBot =>
  new TeamsBot(new FlowRunner(storage, dependencies), log, actionCalls, track);

/**
 * DIRECT_ACTIONS=on: the analyst signs in (the middleware answers Teams' sign-in invokes and the typed
 * `sign in`/`sign out`), and confirmed actions go to the configured services.
 */
function actionCallsOf(config: Config, adapter: ReturnType<typeof createAdapter>, log: Logger): ActionCallSettings | undefined {
  if (config.directActions !== 'on') return undefined;
  const signIn = new AnalystSignIn(config.signIn, config.identity?.appId, log);
  adapter.use(signIn);
  // The email undo's API takes only an application permission: the bot's own Graph token, and only when that undo is set up.
  const appGraphToken = config.undo.approversGroupId ? appTokens(config.identity, { authorityHost: config.authorityHost, managedIdentityClientId: config.azureClientId }).graph : undefined;
  const machineActions = { intervalMs: config.undo.pollIntervalMs, limitMs: config.undo.pollLimitMs };
  return { tokens: signIn, endpoints: config.securityApis, machineActions, ...(appGraphToken ? { appGraphToken } : {}) };
}

/** What tests replace; production takes every default. */
export interface AppOverrides {
  readonly log?: Logger;
  readonly storage?: StorageHandle;
  readonly newWalkId?: () => string;
  readonly limits?: Partial<EdgeLimits>;
  readonly flushTelemetry?: () => Promise<void>;
  readonly exit?: (code: number) => void;
}

export interface App {
  readonly server: restify.Server;
  readonly log: Logger;
  readonly storage: StorageHandle;
  readonly turns: InFlightTurns;
  /** Gets what the store needs before the first turn (a token); rejects with ConfigError. */
  open(): Promise<void>;
  /** Incidents brought to the channel; undefined: intake is off. */
  readonly intake: Intake | undefined;
  /** Listens on the configured port and host. */
  listen(onListening: () => void): void;
  /** Stops taking requests, waits for turns in flight (within a grace period), closes the store, then exits. */
  stop(reason: string): Promise<void>;
  /** Loads what the first turns would otherwise load (card templates, recogniser). */
  warmUp(): Promise<void>;
}

/** Composition root: config -> logger -> storage -> adapter (tenant gate) -> bot -> HTTP edge, and how it all stops. */
export function createApp(config: Config, overrides: AppOverrides = {}): App {
  const log = overrides.log ?? createLogger(config.logLevel);
  const storage = overrides.storage ?? openStorage(config.storage, log);
  const adapter = createAdapter(config.identity, log, config.signIn.tokenServiceUrl);
  adapter.use(tenantGate(config.allowedTenantIds, log));
  const flowDependencies = flowDependenciesOf(config, overrides.newWalkId ?? (() => randomUUID().slice(0, 8)));
  if (config.directActions !== 'off') log.info({ directActions: config.directActions }, `direct actions from answer cards: ${config.directActions}`);
  const turns = new InFlightTurns(config.maxTurnsInFlight);
  // What a turn leaves for after its answer (confirmed actions, record cards) is tracked, so shutdown lets it finish.
  const bot = createBot(storage.storage, flowDependencies, log, actionCallsOf(config, adapter, log), (work) => void turns.track(work));
  const intake = config.intake
    ? startIntake(config.intake, config.identity, storage.storage, log, { graphBaseUrl: config.securityApis.graphBaseUrl, threadIntervalMs: config.intake.threadIntervalMs })
    : undefined;
  if (intake) adapter.use(channelSeen(intake.sawActivity));
  const push = config.intake?.push;
  // config.ts requires MicrosoftAppTenantId with INTAKE_AUDIENCE: pushed tokens are from the bot's own tenant.
  const intakePush = intake && push && config.identity ? { admit: pushTokenCheck(push, config.identity.tenantId), bring: intake.bring } : undefined;
  const server = createServer({ bot: botTurns(adapter, (context) => bot.run(context)), storage, turns, log, limits: overrides.limits, intakeProblem: intake?.problem, intakePush });
  const shutdown = createShutdown({
    server: server.server,
    turns,
    closeStorage: storage.close,
    flushTelemetry: overrides.flushTelemetry,
    log,
    exit: overrides.exit ?? ((code) => process.exit(code)),
  });
  // Intake stops first: no new post starts while the store is closing.
  const stop = async (reason: string): Promise<void> => {
    await intake?.stop();
    return shutdown(reason);
  };
  return {
    server,
    log,
    storage,
    turns,
    open: () => openedStorage(storage, config.storage),
    intake,
    listen: (onListening) => {
      if (config.host === undefined) server.listen(config.port, onListening);
      else server.listen(config.port, config.host, onListening);
    },
    stop,
    warmUp: () => warmUp(flowDependencies),
  };
}
