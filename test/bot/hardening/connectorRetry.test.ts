import { Activity, ActivityTypes, CloudAdapter, TurnContext } from 'botbuilder';
import { RetryingBotFrameworkAuthentication } from '../../../src/bot/delivery/connectorRetry';
import { ConnectorGaveUpError, RetrySettings } from '../../../src/ops/retryPolicy';
import { EdgeServer, startEdgeServer } from '../../support/edgeServer';
import { cardOf, textOf } from '../../../tools/cardReader';
import { typedMessage } from '../../support/wireActivities';
import { FakeConnector, startFakeConnector } from '../../../tools/fakeConnector';

/** Outgoing calls against a connector that throttles: retried with backoff, Retry-After honoured, bounded. */

const FAST: RetrySettings = { maxAttempts: 4, baseDelayMs: 20, waitBudgetMs: 2_500 };
/** Timers may fire a little early relative to performance.now(); a waited gap is allowed this much slack. */
const TIMER_SLACK_MS = 5;
/** What a local call and a turn may add to a wait on a busy two-core machine; the SDK's own 1 s steps stay well outside it. */
const CALL_SLACK_MS = 400;

let connector: FakeConnector;
beforeAll(async () => {
  connector = await startFakeConnector();
});
afterAll(() => connector.close());
beforeEach(() => {
  connector.calls.length = 0;
  connector.answer(200);
});

function incoming(): Activity {
  return {
    type: ActivityTypes.Message,
    id: 'incoming-1',
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    conversation: { id: 'a:retry-chat', conversationType: 'personal', isGroup: false, name: '' },
    from: { id: '29:alice', name: 'Alice' },
    recipient: { id: '28:bot', name: 'Bot' },
    text: 'hi',
  } as Activity;
}

/** Runs one turn through a real CloudAdapter (anonymous) whose connector calls go to the scripted connector. */
async function turn(logic: (context: TurnContext) => Promise<unknown>): Promise<unknown> {
  const adapter = new CloudAdapter(new RetryingBotFrameworkAuthentication({}, FAST));
  let failure: unknown;
  adapter.onTurnError = async (_context, error) => {
    failure = error;
  };
  await adapter.processActivityDirect('', incoming(), async (context) => {
    await logic(context);
  });
  return failure;
}

const reply = (context: TurnContext) => context.sendActivity('hello');

describe('a throttled or failing connector is called again', () => {
  it('429 with retry-after-ms twice, then 200: three calls, each wait at least what was asked', async () => {
    connector.answerNext(
      { status: 429, headers: { 'retry-after-ms': '150' } },
      { status: 429, headers: { 'retry-after-ms': '150' } },
    );
    expect(await turn(reply)).toBeUndefined();
    expect(connector.calls).toHaveLength(3);
    for (const gap of connector.gaps()) expect(gap).toBeGreaterThanOrEqual(150 - TIMER_SLACK_MS);
  });

  it('429 with the standard Retry-After in seconds: waits that long', async () => {
    connector.answerNext({ status: 429, headers: { 'retry-after': '1' } });
    expect(await turn(reply)).toBeUndefined();
    expect(connector.calls).toHaveLength(2);
    expect(connector.gaps()[0]).toBeGreaterThanOrEqual(1_000 - TIMER_SLACK_MS);
  });

  it.each([412, 502, 503, 504])('%i once, then 200: sent on the second call', async (status) => {
    connector.answerNext(status);
    expect(await turn(reply)).toBeUndefined();
    expect(connector.calls.map((c) => c.method)).toEqual(['POST', 'POST']);
  });

  it('updating a card is retried too', async () => {
    connector.answerNext(412);
    const update = (context: TurnContext) => context.updateActivity({ id: 'card-message', type: ActivityTypes.Message, text: 'moved' });
    expect(await turn(update)).toBeUndefined();
    expect(connector.calls.map((c) => c.method)).toEqual(['PUT', 'PUT']);
  });

  it('without Retry-After the waits back off: each is within its doubling bound', async () => {
    connector.answerNext(502, 502, 502);
    expect(await turn(reply)).toBeUndefined();
    expect(connector.calls).toHaveLength(4);
    // Full jitter: the n-th wait is at most base * 2^(n-1), plus the time a local call takes.
    connector.gaps().forEach((gap, n) => expect(gap).toBeLessThan(FAST.baseDelayMs * 2 ** n + CALL_SLACK_MS));
  });
});

describe('and given up on cleanly', () => {
  it('after the attempt bound: exactly four calls, then a ConnectorGaveUpError naming the status', async () => {
    connector.answer(429);
    const failure = await turn(reply);
    expect(connector.calls).toHaveLength(FAST.maxAttempts);
    expect(failure).toBeInstanceOf(ConnectorGaveUpError);
    expect(failure).toMatchObject({ statusCode: 429, attempts: 4 });
  });

  it('at once when Retry-After asks for more than the wait budget', async () => {
    connector.answer(429, 0, { 'retry-after': '60' });
    const started = performance.now();
    const failure = await turn(reply);
    expect(performance.now() - started).toBeLessThan(FAST.waitBudgetMs);
    expect(connector.calls).toHaveLength(1);
    expect(failure).toMatchObject({ statusCode: 429, attempts: 1 });
  });

  it('never for an answer that is not transient (400): one call, the SDK error as it was', async () => {
    connector.answer(400);
    const failure = await turn(reply);
    expect(connector.calls).toHaveLength(1);
    expect(failure).not.toBeInstanceOf(ConnectorGaveUpError);
    expect(failure).toMatchObject({ statusCode: 400 });
  });
});

describe('through the real HTTP edge and adapter', () => {
  let edge: EdgeServer;
  beforeEach(async () => {
    edge = await startEdgeServer();
  });
  afterEach(() => edge.close());

  it('a throttled reply still reaches the analyst', async () => {
    connector.answerNext({ status: 429, headers: { 'retry-after': '0' } });
    const answer = await edge.postActivity(typedMessage('undo', connector.serviceUrl));
    expect(answer.status).toBe(200);
    expect(connector.calls).toHaveLength(2);
  });

  it('on give-up: logged, nothing crashes, the step is kept and the next turn picks it up', async () => {
    connector.answer(429, 0, { 'retry-after': '0' });
    const answer = await edge.postActivity(typedMessage('undo', connector.serviceUrl));
    expect(answer.status).toBe(200);
    const failed = edge.logs().find((line) => line.msg === 'turn failed');
    expect(failed?.err).toMatchObject({ type: 'ConnectorGaveUpError', statusCode: 429 });
    expect(edge.logs().find((line) => line.msg === 'turn')).toMatchObject({ outcome: 'failed' });

    connector.answer(200);
    expect((await edge.postActivity(typedMessage('help', connector.serviceUrl))).status).toBe(200);
    expect(textOf(cardOf(connector.calls.at(-1)?.activity))).toContain('You still have the undo walk-through');
  });
});
