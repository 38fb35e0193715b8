import 'dotenv/config';
import type { AddressInfo } from 'node:net';
import { App, createApp, problemOf } from './app';
import { Config, ConfigError, loadConfig } from './config';
import { logConsoleOutput } from './ops/consoleOutput';
import { createLogger, Logger } from './ops/logger';
import { logProcessWarnings } from './ops/processWarnings';
import { handleProcessEvents } from './ops/shutdown';
import { startAzureMonitorExport } from './ops/telemetryExport';

/** The process around the app: its logs, telemetry export, signals, and one line for any start-up problem. */
function main(): void {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  logProcessWarnings(log);
  logConsoleOutput(log);
  // Before anything takes its instruments; the SDK's own console prints already go to the log.
  const flushTelemetry = config.applicationInsightsConnectionString ? startAzureMonitorExport(config.applicationInsightsConnectionString) : undefined;
  if (flushTelemetry) log.info('traces and metrics are exported to Azure Monitor (APPLICATIONINSIGHTS_CONNECTION_STRING)');
  const app = createApp(config, { log, flushTelemetry });
  handleProcessEvents(app.stop, log);
  app.server.server.once('error', (error) => {
    log.fatal({ variable: 'PORT', problem: problemOf(error) }, `Configuration error: PORT: cannot listen on ${config.host ?? 'every interface'}:${config.port}`);
    process.exit(1);
  });
  app.open().then(() => listen(app, config, log), stopAtStart);
}

function listen(app: App, config: Config, log: Logger): void {
  app.listen(() => {
    const { port, address } = app.server.address() as AddressInfo;
    const mode = config.identity ? `app id ${config.identity.appId}` : 'anonymous (no MicrosoftAppId)';
    log.info({ port, host: address, tokensChecked: config.identity !== undefined }, `AIR guidance bot listening on ${address} port ${port} (POST /api/messages), ${mode}`);
    if (config.anonymousBeyondLoopback) {
      log.warn({ host: address }, 'anonymous mode listens beyond this machine (HOST): anyone who reaches it is served without a token and can make the bot post to any serviceUrl');
    }
    app.warmUp().catch((error: unknown) => log.warn({ err: error }, 'warm-up failed: the first turns run cold'));
  });
}

function stopAtStart(error: unknown): void {
  const log = createLogger('info');
  if (error instanceof ConfigError) log.fatal({ variable: error.variable }, `Configuration error: ${error.message}`);
  // Anything else at start-up: one line, without the stack (the bundle's lines are long and minified).
  else log.fatal({ problem: problemOf(error) }, 'the bot could not start');
  process.exit(1);
}

try {
  main();
} catch (error) {
  stopAtStart(error);
}
