import 'dotenv/config';
import { randomUUID } from 'node:crypto';
import { createAdapter } from './bot/adapter';
import { FlowRunner } from './bot/flowRunner';
import { TeamsBot } from './bot/teamsBot';
import { ConfigError, loadConfig } from './config';
import { createServer } from './server';
import { createStorage } from './storage/createStorage';

/** Composition root: config -> storage -> adapter -> bot -> server. */
function main(): void {
  const config = loadConfig(process.env);
  const { storage } = createStorage(config.storage);
  const adapter = createAdapter(config.identity, (error) => console.error(error));
  const bot = new TeamsBot(new FlowRunner(storage, { newWalkId: () => randomUUID().slice(0, 8) }));
  const server = createServer(adapter, bot);
  server.listen(config.port, () => {
    const mode = config.identity ? `app id ${config.identity.appId}` : 'anonymous (no MicrosoftAppId)';
    console.log(`AIR guidance bot listening on http://localhost:${config.port}/api/messages, ${mode}`);
  });
}

try {
  main();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(1);
}
