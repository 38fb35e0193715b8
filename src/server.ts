import * as restify from 'restify';
import { CloudAdapter } from 'botbuilder';
import { TeamsBot } from './bot/teamsBot';

/** Teams messages are at most about 100 KB; anything far above that is refused before parsing. */
const MAX_BODY_BYTES = 512 * 1024;

export function createServer(adapter: CloudAdapter, bot: TeamsBot): restify.Server {
  const server = restify.createServer({ name: 'air-guidance-bot' });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });
  return server;
}
