import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { deviceIncident, emailIncident, FakeGraphAlerts, startFakeGraphAlerts } from '../../tools/fakeGraphAlerts';
import { startFakeSecurityApis } from '../support/fakeSecurityApis';
import { startFakeTokenService } from '../support/fakeTokenService';
import { sqliteState, SqliteState } from '../faults/support/sqliteState';
import { AnalystChat, deliver } from '../faults/support/analystChat';
import { Json, textOf, titleOf } from '../../tools/cardReader';
import { CHANNEL, cardOf, incidentOfThread, incidents, intakeEnv, settle, threads, waitUntil } from './support';

/** Issue 26 through the real process: alerts_v2 polled, one thread per qualifying incident, exactly once. */

jest.setTimeout(90_000);

let graph: FakeGraphAlerts;
let connector: FakeConnector;
let state: SqliteState;
const running: BotProcess[] = [];

const start = async (extra: Record<string, string> = {}): Promise<BotProcess> => {
  const bot = await startBotProcess({ env: { ...state.env, ...intakeEnv(graph.baseUrl, connector, extra) } });
  running.push(bot);
  return bot;
};

beforeEach(async () => {
  graph = await startFakeGraphAlerts(70);
  connector = await startFakeConnector();
  state = sqliteState();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((bot) => bot.kill()));
  await graph.close();
  await connector.close();
  state.dispose();
});

afterAll(() => undefined);

describe('polling alerts_v2', () => {
  it('posts 200 qualifying incidents over 3 pages as 200 threads, each once, in the channel, and skips the rest', async () => {
    graph.put(...incidents(200));
    // Not AIR: another detection source, nothing remediated.
    graph.put(emailIncident(500, new Date().toISOString(), { detectionSource: 'microsoftDefenderForOffice365', evidence: [] }));
    const bot = await start();
    await waitUntil('200 threads', () => threads(connector).length >= 200);
    await settle(2500);
    const posted = threads(connector);
    expect(posted).toHaveLength(200);
    expect(new Set(posted.map(incidentOfThread)).size).toBe(200);
    expect(posted.map(incidentOfThread)).not.toContain('1500');
    expect(posted.every((call) => call.activity.isGroup === true && (call.activity.channelData as { channel: { id: string } }).channel.id === CHANNEL)).toBe(true);
    expect(posted.every((call) => call.conversationId.startsWith(`${CHANNEL};messageid=`))).toBe(true);
    // The first read's three pages, every incident read once, then one read of the list per poll.
    const lists = graph.reads.filter((read) => read.path.endsWith('/alerts_v2'));
    expect(lists.slice(0, 3).map((read) => read.query.includes('skiptoken'))).toEqual([false, true, true]);
    expect(graph.problems).toEqual([]);
    // One line per incident with its id and why, never an entity's value.
    const log = bot.output();
    expect(log).toContain('"incidentId":"1000","outcome":"posted"');
    expect(log).toContain('"incidentId":"1500"');
    expect(log).not.toMatch(/user\d+@contoso|Invoice \d+ from|73ca4154-/);
  });

  it('a later change of an incident updates its card in place, never a second thread', async () => {
    graph.put(...incidents(3));
    await start();
    await waitUntil('3 threads', () => threads(connector).length === 3);
    const first = threads(connector).find((call) => incidentOfThread(call) === '1001')!;
    const changed = emailIncident(1, new Date().toISOString());
    const alert = changed.alerts![0];
    graph.put({ ...changed, status: 'resolved', alerts: [{ ...alert, evidence: [...alert.evidence!, { '@odata.type': '#microsoft.graph.security.fileEvidence', remediationStatus: 'prevented', verdict: 'malicious', fileDetails: { fileName: 'invoice.docm' } }] }] });
    await waitUntil('an update', () => connector.calls.some((call) => call.kind === 'update'));
    await settle(2500);
    const updates = connector.calls.filter((call) => call.kind === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0].conversationId).toBe(first.conversationId);
    expect(updates[0].activityId).toBe(first.activityId);
    expect(JSON.stringify(updates[0].activity)).toContain('File: invoice[.]docm');
    expect(threads(connector)).toHaveLength(3);
    expect(JSON.stringify(cardOf(first))).not.toContain('invoice[.]docm');
  });

  it('a restart neither misses nor repeats: the cursor and the claims are in the state store', async () => {
    graph.put(...incidents(20));
    const bot = await start();
    await waitUntil('20 threads', () => threads(connector).length === 20);
    await bot.stop();
    graph.put(...incidents(5, 20));
    await start();
    await waitUntil('25 threads', () => threads(connector).length >= 25);
    await settle(2500);
    expect(threads(connector).map(incidentOfThread).sort()).toEqual(Array.from({ length: 25 }, (_, i) => String(1000 + i)).sort());
  });

  it('waits Retry-After on 429 and tries again after a 500 or a slow answer, from Graph and the Connector', async () => {
    graph.put(...incidents(5));
    graph.script({ status: 429, retryAfter: '1' }, { status: 500 }, { delayMs: 1500 });
    connector.answerNext({ status: 429, headers: { 'retry-after': '1' } }, 502);
    await start();
    await waitUntil('5 threads', () => new Set(threads(connector).map(incidentOfThread)).size === 5, 40_000);
    await settle(2500);
    // Five threads, after the two refused attempts were tried again: seven calls in all.
    expect(threads(connector)).toHaveLength(7);
    const lists = graph.reads.filter((read) => read.path.endsWith('/alerts_v2'));
    expect(lists.length).toBeGreaterThanOrEqual(3);
  });

  it('paces a burst: at most one new thread a second in the channel', async () => {
    graph.put(...incidents(4));
    await start({ INTAKE_THREAD_INTERVAL_MS: '1000' });
    await waitUntil('4 threads', () => threads(connector).length === 4, 20_000);
    const at = threads(connector).map((call) => call.at);
    const gaps = at.slice(1).map((t, i) => t - at[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(950);
  });

  it('paces across instances: two polling the same store still post one new thread per interval (300 ms here, 1 s in production)', async () => {
    const both = await Promise.all([start({ INTAKE_THREAD_INTERVAL_MS: '300' }), start({ INTAKE_THREAD_INTERVAL_MS: '300' })]);
    // Both are polling when the incidents arrive; one claims eight at once (its first batch), the other the rest.
    await settle(1500);
    graph.put(...incidents(10));
    await waitUntil('10 threads', () => threads(connector).length === 10, 40_000);
    expect(both.map((bot) => /"outcome":"posted"/.test(bot.output()))).toEqual([true, true]);
    const at = threads(connector).map((call) => call.at).sort((a, b) => a - b);
    const gaps = at.slice(1).map((t, i) => t - at[i]);
    // Each instance waits for its slot by its own clock and sends from its own process: a few ms either way.
    // Paced per instance instead, the two would post their first threads at once (a gap near 0).
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250);
  });

  it('403 MessageWritesBlocked stops intake with an error line and a /readyz detail; nothing is marked posted', async () => {
    graph.put(...incidents(3));
    connector.answer(403, 0);
    connector.answerNext({ status: 403, code: 'MessageWritesBlocked' });
    const bot = await start();
    await waitUntil('the readiness detail', () => bot.output().includes('MessageWritesBlocked'));
    const ready = (await (await fetch(`${bot.url}/readyz`)).json()) as { status: string; intake?: string };
    expect(ready.status).toBe('ready');
    expect(ready.intake).toContain('403 MessageWritesBlocked');
    expect(bot.output()).toMatch(/"level":"error".*intake stopped/);
    const attempts = connector.calls.filter((call) => call.kind === 'create').length;
    await settle(2500);
    expect(connector.calls.filter((call) => call.kind === 'create').length).toBe(attempts);
  });
});

describe('the posted thread', () => {
  it('a new incident whose email AIR soft-deleted appears within one poll; each button starts its path there with the email', async () => {
    graph.put(...incidents(1));
    const bot = await start();
    await waitUntil('the thread', () => threads(connector).length === 1, 10_000);
    const [thread] = threads(connector);
    const onScreen = { card: cardOf(thread), messageId: thread.activityId };
    const chat = new AnalystChat(connector, { thread: thread.conversationId });
    const email = 'Invoice 0 from payments[.]example (to user0[@]contoso[.]com)';

    // The incident card stays as it is; each path answers with a new card in the thread.
    await connector.nextReply(thread.conversationId);
    const clickForNewCard = async (on: typeof onScreen, title: string | RegExp) => {
      const answer = await deliver(bot.url, chat.click(on, title));
      expect(answer.status).toBe(200);
      // The thread's record card comes and moves in the same thread: it is not the answer.
      for (;;) {
        const reply = await connector.nextReply(thread.conversationId);
        const card = (reply.activity.attachments as { content: Json }[])[0].content;
        if (titleOf(card) !== 'Incident record') return { card, messageId: reply.activityId };
      }
    };

    const undo = await clickForNewCard(onScreen, 'It was clean: undo it');
    expect(titleOf(undo.card)).toMatch(/permission/i);
    expect(textOf(undo.card)).toContain(email);
    const step1 = await chat.clickForCard(bot.url, undo, /continue/i);
    expect(textOf(step1.card)).toContain(email);

    const missed = await clickForNewCard(onScreen, 'Something was missed');
    expect(textOf(missed.card)).toContain('Email message');
    expect(textOf(missed.card)).toContain(email);

    const recurring = await clickForNewCard(onScreen, 'Stop it recurring');
    expect(textOf(recurring.card)).toMatch(/legitimate/i);

    // "@bot it was clean" in the thread needs no pasted evidence: the thread knows its incident.
    const typed = await deliver(bot.url, chat.message('it was clean'));
    expect(typed.status).toBe(200);
    let answer;
    do answer = (await connector.nextReply(thread.conversationId)).activity;
    while (titleOf((answer.attachments as { content: Json }[])[0].content) === 'Incident record');
    const read = textOf((answer.attachments as { content: Json }[])[0].content);
    expect(read).toContain('user0[@]contoso[.]com');
    expect(read).toContain('1000');

    const right = await clickForNewCard(onScreen, 'AIR was right');
    expect(textOf(right.card)).toContain(`AIR was right about ${email} (incident 1000)`);
    // The thread's record card now lists it.
    await waitUntil('the record card', () => connector.calls.some((call) => call.conversationId === thread.conversationId && JSON.stringify(call.activity).includes('Confirmed AIR was right')), 10_000);
  });
});

describe('the posted thread, with DIRECT_ACTIONS=on', () => {
  it("a device AIR isolated: It was clean, undo it offers its release, confirmed by the id from the bot's store, and one unisolate goes out", async () => {
    const [apis, tokens] = await Promise.all([startFakeSecurityApis(), startFakeTokenService()]);
    try {
      graph.put(deviceIncident(7, new Date().toISOString()));
      const bot = await start({ DIRECT_ACTIONS: 'on', OAUTH_CONNECTION_NAME: 'graph', DEFENDER_OAUTH_CONNECTION_NAME: 'defender', OAUTH_API_URL: tokens.url, DEFENDER_API_BASE_URL: apis.baseUrl, UNDO_POLL_INTERVAL_MS: '20' });
      await waitUntil('the thread', () => threads(connector).length === 1, 10_000);
      const [thread] = threads(connector);
      const chat = new AnalystChat(connector, { thread: thread.conversationId, analyst: { id: '29:dana', name: 'Dana Analyst' } });
      tokens.giveToken(chat.analyst.id, 'defender', 'dana-defender-token');
      await connector.nextReply(thread.conversationId);
      const nextCard = async () => {
        for (;;) {
          const reply = await connector.nextReply(thread.conversationId);
          const card = (reply.activity.attachments as { content: Json }[])[0].content;
          if (titleOf(card) !== 'Incident record') return { card, messageId: reply.activityId, kind: reply.kind };
        }
      };
      expect((await deliver(bot.url, chat.click({ card: cardOf(thread), messageId: thread.activityId }, 'It was clean: undo it'))).status).toBe(200);
      const undo = await nextCard();
      expect(textOf(undo.card)).toContain('fin-laptop-7[.]contoso[.]com');
      expect((await deliver(bot.url, chat.click(undo, 'Release it from isolation from Teams'))).status).toBe(200);
      const confirmation = await nextCard();
      const mdeDeviceId = '1e5bc9d7e413ddd7902c2932e418000000000007';
      expect(textOf(confirmation.card)).toContain(mdeDeviceId);
      await chat.clickForCard(bot.url, confirmation, 'Confirm');
      const result = await nextCard();
      expect(result).toMatchObject({ kind: 'update', messageId: confirmation.messageId });
      expect(textOf(result.card)).toContain('Succeeded');
      expect(apis.problems).toEqual([]);
      expect(apis.calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.authorization])).toEqual([[`/api/machines/${mdeDeviceId}/unisolate`, 'Bearer dana-defender-token']]);
    } finally {
      await Promise.all([apis.close(), tokens.close()]);
    }
  });
});

describe('the service URL, with INTAKE_SERVICE_URL unset', () => {
  it('posts through the Connector an activity from the channel last came through, and remembers it across a restart', async () => {
    const first = await start({ INTAKE_SERVICE_URL: '' });
    // Before any activity from the channel the bot would post to Teams' public Connector, unreachable here: nothing lands.
    const chat = new AnalystChat(connector, { thread: `${CHANNEL};messageid=1700000000000` });
    expect((await deliver(first.url, chat.message('help'))).status).toBe(200);
    graph.put(...incidents(1));
    await waitUntil('the thread', () => threads(connector).length === 1, 15_000);
    await first.kill();

    graph.put(...incidents(1, 1));
    await start({ INTAKE_SERVICE_URL: '' });
    await waitUntil('the second thread, after the restart', () => threads(connector).length === 2, 15_000);
  });
});
