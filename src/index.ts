import 'dotenv/config';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createAdapter } from './bot/adapter';
import { FlowRunner } from './bot/flowRunner';
import { warmUp } from './bot/warmUp';
import { tenantGate } from './bot/tenantGate';
import { TeamsBot } from './bot/teamsBot';
import { ConfigError, loadConfig, storageVariable } from './config';
import { logConsoleOutput } from './ops/consoleOutput';
import { InFlightTurns } from './ops/inFlightTurns';
import { createLogger, Logger } from './ops/logger';
import { logProcessWarnings } from './ops/processWarnings';
import { createShutdown, handleProcessEvents } from './ops/shutdown';
import { startAzureMonitorExport } from './ops/telemetryExport';
import { createServer } from './server';
import { createStorage, StorageHandle, StorageSettings } from './storage/createStorage';

const MAX_STARTUP_PROBLEM_LENGTH = 200;

const problemOf = (error: unknown): string => {
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

/** Composition root: config -> logger -> storage -> adapter -> bot -> server, and how it all stops. */
function main(): void {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  logProcessWarnings(log);
  logConsoleOutput(log);
  // Before anything takes its instruments; the SDK's own console prints already go to the log.
  const flushTelemetry = config.applicationInsightsConnectionString ? startAzureMonitorExport(config.applicationInsightsConnectionString) : undefined;
  if (flushTelemetry) log.info('traces and metrics are exported to Azure Monitor (APPLICATIONINSIGHTS_CONNECTION_STRING)');
  const storage = openStorage(config.storage, log);
  const adapter = createAdapter(config.identity, log);
  adapter.use(tenantGate(config.allowedTenantIds, log));
  const flowDependencies = {
    newWalkId: () => randomUUID().slice(0, 8),
    ...(config.directActions === 'off' ? {} : { directActions: { mode: config.directActions, now: Date.now, newKey: randomUUID } }),
  };
  if (config.directActions !== 'off') log.info({ directActions: config.directActions }, `direct actions from answer cards: ${config.directActions}`);
  const bot = new TeamsBot(new FlowRunner(storage.storage, flowDependencies), log);
  const turns = new InFlightTurns(config.maxTurnsInFlight);
  const server = createServer({ adapter, logic: (context) => bot.run(context), storage, turns, log });
  const shutdown = createShutdown({ server: server.server, turns, closeStorage: storage.close, flushTelemetry, log, exit: (code) => process.exit(code) });
  handleProcessEvents(shutdown, log);
  server.server.once('error', (error) => {
    log.fatal({ variable: 'PORT', problem: problemOf(error) }, `Configuration error: PORT: cannot listen on ${config.host ?? 'every interface'}:${config.port}`);
    process.exit(1);
  });
  const listening = (): void => {
    const { port, address } = server.address() as AddressInfo;
    const mode = config.identity ? `app id ${config.identity.appId}` : 'anonymous (no MicrosoftAppId)';
    log.info({ port, host: address, tokensChecked: config.identity !== undefined }, `AIR guidance bot listening on ${address} port ${port} (POST /api/messages), ${mode}`);
    if (config.anonymousBeyondLoopback) {
      log.warn({ host: address }, 'anonymous mode listens beyond this machine (HOST): anyone who reaches it is served without a token and can make the bot post to any serviceUrl');
    }
    warmUp(flowDependencies).catch((error: unknown) => log.warn({ err: error }, 'warm-up failed: the first turns run cold'));
  };
  if (config.host === undefined) server.listen(config.port, listening);
  else server.listen(config.port, config.host, listening);
}

try {
  main();
} catch (error) {
  const log = createLogger('info');
  if (error instanceof ConfigError) log.fatal({ variable: error.variable }, `Configuration error: ${error.message}`);
  // Anything else at start-up: one line, without the stack (the bundle's lines are long and minified).
  else log.fatal({ problem: problemOf(error) }, 'the bot could not start');
  process.exit(1);
}
