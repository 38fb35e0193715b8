import 'dotenv/config';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createAdapter } from './bot/adapter';
import { FlowRunner } from './bot/flowRunner';
import { tenantGate } from './bot/tenantGate';
import { TeamsBot } from './bot/teamsBot';
import { ConfigError, loadConfig } from './config';
import { InFlightTurns } from './ops/inFlightTurns';
import { createLogger } from './ops/logger';
import { logProcessWarnings } from './ops/processWarnings';
import { createShutdown, handleProcessEvents } from './ops/shutdown';
import { createServer } from './server';
import { createStorage } from './storage/createStorage';

/** Composition root: config -> logger -> storage -> adapter -> bot -> server, and how it all stops. */
function main(): void {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  logProcessWarnings(log);
  const storage = createStorage(config.storage);
  const adapter = createAdapter(config.identity, log);
  adapter.use(tenantGate(config.allowedTenantIds, log));
  const bot = new TeamsBot(new FlowRunner(storage.storage, { newWalkId: () => randomUUID().slice(0, 8) }));
  const turns = new InFlightTurns();
  const server = createServer({ adapter, logic: (context) => bot.run(context), storage, turns, log });
  const shutdown = createShutdown({ server: server.server, turns, closeStorage: storage.close, log, exit: (code) => process.exit(code) });
  handleProcessEvents(shutdown, log);
  server.listen(config.port, () => {
    const { port } = server.address() as AddressInfo;
    const mode = config.identity ? `app id ${config.identity.appId}` : 'anonymous (no MicrosoftAppId)';
    log.info({ port, tokensChecked: config.identity !== undefined }, `AIR guidance bot listening on http://localhost:${port}/api/messages, ${mode}`);
  });
}

try {
  main();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  createLogger('info').fatal({ variable: error.variable }, `Configuration error: ${error.message}`);
  process.exit(1);
}
