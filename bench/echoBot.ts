import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import * as restify from 'restify';

/**
 * The baseline the benchmark measures the bot against: the canonical Bot Framework echo bot
 * (CloudAdapter + restify, as in Microsoft's samples), plus the /healthz probe the harness waits for.
 */

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const replyText = `Echo: ${context.activity.text}`;
      await context.sendActivity(MessageFactory.text(replyText, replyText));
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  console.error(`echo bot turn failed: ${error}`);
  await context.sendActivity('The bot encountered an error.');
};
const bot = new EchoBot();

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', async (_req, res) => {
  res.json(200, { status: 'ok' });
});
server.listen(Number(process.env.PORT));
