import { TURN_ERROR_REPLY } from '../../src/bot/auth/adapter';
import { EdgeServer, startEdgeServer } from '../support/edgeServer';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { cardClick, typedMessage } from '../support/wireActivities';

/**
 * When a turn fails the analyst gets a short apology with a way forward, the log gets the stack under
 * the turn's correlation id, the HTTP request is answered, and the next turn works. Here the failure is
 * the real one seen in production: the connector (serviceUrl) refusing or not answering.
 */

const TURN_DEADLINE_MS = 600;

let connector: FakeConnector;
let edge: EdgeServer;
const unhandled: unknown[] = [];
const recordUnhandled = (reason: unknown): void => void unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', recordUnhandled);
  connector = await startFakeConnector();
  edge = await startEdgeServer({ limits: { turnDeadlineMs: TURN_DEADLINE_MS } });
});

afterEach(() => connector.answer(200));

afterAll(async () => {
  await edge.turns.drain(5_000);
  await edge.close();
  await connector.close();
  process.off('unhandledRejection', recordUnhandled);
  expect(unhandled).toEqual([]);
});

const textsSentFrom = (start: number): unknown[] => connector.calls.slice(start).map((call) => call.activity.text);

test('the connector refusing the reply: the analyst gets the apology, the log the stack, the request its answer', async () => {
  const logged = edge.logsFromNow();
  const callsBefore = connector.calls.length;
  connector.answerNext(403);

  const answer = await edge.postActivity(typedMessage('report', connector.serviceUrl));

  expect(answer.status).toBe(200);
  expect(textsSentFrom(callsBefore)).toEqual([undefined, TURN_ERROR_REPLY]); // the card, then the apology
  const failure = logged().find((line) => line.msg === 'turn failed');
  const summary = logged().find((line) => line.msg === 'turn');
  expect(failure).toMatchObject({ level: 'error', err: { type: 'RestError', stack: expect.stringContaining('RestError') } });
  expect(summary).toMatchObject({ outcome: 'failed', status: 200, command: 'report', correlationId: failure?.correlationId });
});

test('the connector refusing the apology too: logged, answered, nothing thrown', async () => {
  const logged = edge.logsFromNow();
  connector.answer(403);

  const answer = await edge.postActivity(typedMessage('adjust', connector.serviceUrl));

  expect(answer.status).toBe(200);
  expect(logged().map((line) => line.msg)).toEqual(['turn failed', 'apology not delivered', 'turn']);
});

test('a click whose card cannot be posted: the apology comes back in the invoke answer itself', async () => {
  connector.answer(403);
  // A shared card (no owner): its answer is a new card posted through the connector.
  const click = cardClick({ verb: 'command', command: 'help' }, connector.serviceUrl, true);

  const answer = await edge.postActivity(click);

  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: TURN_ERROR_REPLY });
});

test('a connector that never answers: the request is answered at the turn deadline and the turn finishes later', async () => {
  const logged = edge.logsFromNow();
  connector.hold();

  const started = Date.now();
  const answer = await edge.postActivity(typedMessage('undo', connector.serviceUrl));
  const waited = Date.now() - started;

  expect(answer.status).toBe(202);
  expect(waited).toBeGreaterThanOrEqual(TURN_DEADLINE_MS - 50);
  expect(waited).toBeLessThan(TURN_DEADLINE_MS + 1_000);
  expect(logged()).toContainEqual(expect.objectContaining({ msg: 'turn', outcome: 'overran', status: 202, command: 'undo' }));
  expect(edge.turns.size).toBe(1);

  connector.release(200);
  expect(await edge.turns.drain(5_000)).toBe(true);
});

test('after those failures the conversation is still usable: the next command is answered normally', async () => {
  const logged = edge.logsFromNow();
  const callsBefore = connector.calls.length;

  const answer = await edge.postActivity(typedMessage('help', connector.serviceUrl));

  expect(answer.status).toBe(200);
  expect(connector.calls.length).toBe(callsBefore + 1);
  expect(logged()).toEqual([expect.objectContaining({ msg: 'turn', outcome: 'answered' })]);
});
