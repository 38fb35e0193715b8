import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { emailIncident, FakeGraphAlerts, startFakeGraphAlerts } from '../../tools/fakeGraphAlerts';
import { EntraTokenEndpoint, startEntraTokenEndpoint } from '../support/entraTokenEndpoint';
import { intakeEnv, threads, waitUntil } from './support';

/**
 * The bot's own application token (issue 26), through the real process and @azure/identity: with an
 * app registration's secret, Graph is read and the channel posted to with tokens Entra gave the app,
 * from AZURE_AUTHORITY_HOST over HTTPS; a wrong secret reads nothing and says so in the log.
 */

jest.setTimeout(60_000);

const [APP_ID, TENANT, SECRET] = ['0c6a2f4e-3b1d-4e8f-9a57-6d2c1b0e9f83', '9b1e4c7a-2d3f-4a6b-8c5d-7e0f1a2b3c4d', 'app-secret-for-tests'];

let graph: FakeGraphAlerts, connector: FakeConnector, entra: EntraTokenEndpoint;
const running: BotProcess[] = [];

const start = async (secret: string): Promise<BotProcess> => {
  const bot = await startBotProcess({
    env: {
      ...intakeEnv(graph.baseUrl, connector),
      STORAGE: 'memory',
      MicrosoftAppId: APP_ID,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppPassword: secret,
      MicrosoftAppTenantId: TENANT,
      AZURE_AUTHORITY_HOST: entra.authorityHost,
      NODE_EXTRA_CA_CERTS: entra.caFile,
    },
  });
  running.push(bot);
  return bot;
};

beforeAll(async () => {
  [graph, connector, entra] = await Promise.all([startFakeGraphAlerts(), startFakeConnector(), startEntraTokenEndpoint(TENANT, APP_ID, SECRET)]);
});

afterAll(async () => {
  await Promise.all(running.map((bot) => bot.kill()));
  await Promise.all([graph?.close(), connector?.close(), entra?.close()]);
});

describe("the bot's own application token", () => {
  it('reads alerts_v2 with a Graph token Entra gave the app for its secret, and posts the thread', async () => {
    graph.put(emailIncident(1, new Date().toISOString()));
    await start(SECRET);
    await waitUntil('the thread', () => threads(connector).length === 1, 20_000);
    expect(entra.problems).toEqual([]);
    const scopes = entra.requests.map((r) => r.form.scope);
    expect(scopes).toEqual(expect.arrayContaining(['https://graph.microsoft.com/.default', 'https://api.botframework.com/.default']));
    expect(graph.reads.length).toBeGreaterThan(0);
    expect(graph.reads.every((read) => /^Bearer graph-token-\d+$/.test(read.authorization ?? ''))).toBe(true);
  });

  it('with a wrong secret nothing is read, and the log says the token was refused, never the secret', async () => {
    await Promise.all(running.splice(0).map((earlier) => earlier.kill()));
    const reads = graph.reads.length;
    const bot = await start('a-wrong-secret');
    await waitUntil('the refusal in the log', () => /invalid_client|AADSTS7000215|no application token/i.test(bot.output()), 20_000);
    expect(graph.reads.length).toBe(reads);
    expect(bot.output()).not.toContain('a-wrong-secret');
  });
});
