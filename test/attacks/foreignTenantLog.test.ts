import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { typedMessage } from '../support/wireActivities';

/**
 * A refused tenant's id is logged, but the id comes from the sender: 100,000 characters of it, or
 * text made to look like log fields, must not reach the log as sent. A GUID is logged as it is;
 * anything else as a short digest.
 */

const OURS = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const THEIRS = '0d2f5a11-1c3e-4b7a-9f00-5e6d7c8b9a01';
const HOSTILE = `${'x'.repeat(100_000)}","level":"info","msg":"forged`;

let connector: FakeConnector;
let bot: BotProcess;

beforeAll(async () => {
  connector = await startFakeConnector();
  bot = await startBotProcess({ env: { STORAGE: 'memory', ALLOWED_TENANT_IDS: OURS } });
});

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
});

const fromTenant = (tenantId: string): Record<string, unknown> => ({
  ...typedMessage('help', connector.serviceUrl),
  channelData: { tenant: { id: tenantId } },
  conversation: { id: 'a:edge-personal-chat', conversationType: 'personal', tenantId },
});

async function refusalLogged(tenantId: string): Promise<Record<string, unknown>> {
  const before = bot.output().length;
  const answer = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fromTenant(tenantId)) });
  expect(answer.status).toBe(200);
  await connector.nextReply('a:edge-personal-chat');
  const lines = bot.output().slice(before).trim().split('\n');
  const refusal = lines.map((line) => JSON.parse(line)).find((line) => /tenant that is not allowed/.test(line.msg));
  expect(refusal).toBeDefined();
  for (const line of lines) expect(line.length).toBeLessThan(2_000);
  return refusal;
}

test('a foreign tenant GUID is logged as it is', async () => {
  expect((await refusalLogged(THEIRS)).tenants).toEqual([THEIRS, THEIRS]);
});

test('a 100,000-character tenant id is logged as a short digest, nothing of it as sent', async () => {
  const refusal = await refusalLogged(HOSTILE);
  console.log(`hostile tenant id logged as ${JSON.stringify(refusal.tenants)}`);
  expect(refusal.tenants).toEqual([expect.stringMatching(/^not-a-guid:[0-9a-f]{12}$/), expect.stringMatching(/^not-a-guid:[0-9a-f]{12}$/)]);
  expect(bot.output()).not.toContain('xxxxxxxxxx');
});
