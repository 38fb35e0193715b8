import { Activity } from 'botbuilder';
import { FOREIGN_TENANT_REPLY, tenantGate } from '../../../src/bot/auth/tenantGate';
import { createLogger } from '../../../src/ops/logger';
import { BotHarness, TurnResult } from '../../support/botHarness';
import { titleOf, cardOf } from '../../../tools/cardReader';
import { CARD_ACTION_INVOKE, TASK_FETCH_INVOKE } from '../../../src/core/wireNames';
import { MemoryRow, MemoryStateStore } from '../../../src/storage/memory/memoryStateStore';

/** ALLOWED_TENANT_IDS: other tenants get a polite refusal and nothing else. */

const OURS = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const THEIRS = '0d2f5a11-1c3e-4b7a-9f00-5e6d7c8b9a01';

const tenant = (id: string | undefined, conversationTenant?: string): Partial<Activity> => ({
  channelData: id === undefined ? {} : { tenant: { id } },
  ...(conversationTenant ? { conversation: { id: 'a:personal-chat', conversationType: 'personal', isGroup: false, name: '', tenantId: conversationTenant } } : {}),
});

let memory: Map<string, MemoryRow>;
let logLines: string[];
function gatedBot(allowed: string[]): BotHarness {
  memory = new Map();
  logLines = [];
  const bot = new BotHarness(new MemoryStateStore(memory));
  bot.adapter.use(tenantGate(allowed, createLogger('warn', { write: (line: string) => void logLines.push(line) })));
  return bot;
}

const sayUndo = (bot: BotHarness, from: Partial<Activity>): Promise<TurnResult> => bot.send({ type: 'message', text: 'undo', ...from });
const clickUndo = (bot: BotHarness, from: Partial<Activity>): Promise<TurnResult> =>
  bot.send({
    type: 'invoke',
    name: CARD_ACTION_INVOKE,
    value: { action: { type: 'Action.Execute', verb: 'command', data: { verb: 'command', command: 'undo' } } },
    ...from,
  });

describe('with an allow-list', () => {
  let bot: BotHarness;
  beforeEach(() => {
    bot = gatedBot([OURS]);
  });

  it('an allowed tenant is served, whatever the case of its id', async () => {
    const result = await sayUndo(bot, tenant(OURS.toUpperCase(), OURS));
    expect(titleOf(cardOf(result.posted[0]))).toBe('Undo a remediation: check your permissions first');
  });

  it('a message from another tenant: one polite line, no card, nothing stored, a warning logged', async () => {
    const result = await sayUndo(bot, tenant(THEIRS));
    expect(result.posted.map((a) => a.text)).toEqual([FOREIGN_TENANT_REPLY]);
    expect(memory.size).toBe(0);
    expect(logLines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 'warn', tenants: [THEIRS], activityType: 'message' }),
    ]);
  });

  it('a card click from another tenant: answered in the invoke itself, nothing stored', async () => {
    const result = await clickUndo(bot, tenant(THEIRS));
    expect(result.posted).toHaveLength(0);
    expect(result.invokeResponse).toEqual({
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: FOREIGN_TENANT_REPLY },
    });
    expect(memory.size).toBe(0);
  });

  it('any other invoke from another tenant: 403', async () => {
    const result = await bot.send({ type: 'invoke', name: TASK_FETCH_INVOKE, value: {}, ...tenant(THEIRS) });
    expect(result.invokeResponse?.status).toBe(403);
  });

  it('the bot added to a team of another tenant: no welcome card', async () => {
    const result = await bot.send({ type: 'conversationUpdate', membersAdded: [{ id: '28:air-bot', name: 'AIR Guide' }], ...tenant(THEIRS) });
    expect(result.posted).toHaveLength(0);
  });

  it.each([
    ['names no tenant', tenant(undefined)],
    ['names ours in channelData but another on the conversation', tenant(OURS, THEIRS)],
    ['names another in channelData but ours on the conversation', tenant(THEIRS, OURS)],
  ])('an activity that %s is refused', async (_case, from) => {
    const result = await sayUndo(bot, from);
    expect(result.posted.map((a) => a.text)).toEqual([FOREIGN_TENANT_REPLY]);
    expect(memory.size).toBe(0);
  });
});

it('with an empty allow-list any tenant is served', async () => {
  const bot = gatedBot([]);
  for (const from of [tenant(THEIRS), tenant(undefined)]) {
    expect(titleOf(cardOf((await sayUndo(bot, from)).posted[0]))).toBe('Undo a remediation: check your permissions first');
  }
});
