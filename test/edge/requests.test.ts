import net from 'node:net';
import { EdgeServer, startEdgeServer } from '../support/edgeServer';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { typedMessage } from '../support/wireActivities';

/**
 * Whatever arrives at POST /api/messages gets a prompt, correct HTTP answer and one log line, and the
 * process keeps serving. Nothing of a refused body reaches the log.
 */

const MARKER = 'INCIDENT-4242-PRIVATE';
const MAX_BODY_BYTES = 512 * 1024;

let connector: FakeConnector;
let edge: EdgeServer;

beforeAll(async () => {
  connector = await startFakeConnector();
  edge = await startEdgeServer();
});

afterAll(async () => {
  await edge.close();
  await connector.close();
});

/** Refused activities never reach a connector; this address would fail loudly if one did. */
const NOWHERE = 'http://127.0.0.1:1/teams/';

const withoutField = (field: string): string => {
  const activity: Record<string, unknown> = typedMessage(`report ${MARKER}`, NOWHERE);
  delete activity[field];
  return JSON.stringify(activity);
};

describe('malformed requests get a 4xx answer and a log line, never a turn', () => {
  const cases: [string, string, Record<string, string>, number, string][] = [
    ['a wrong content type', `report ${MARKER}`, { 'content-type': 'text/plain' }, 415, 'content type is not application/json'],
    ['invalid JSON', `{"type":"message","text":"${MARKER}`, {}, 400, 'body is not valid JSON'],
    ['a JSON array', `["${MARKER}"]`, {}, 400, 'body is not a JSON object'],
    ['no type', withoutField('type'), {}, 400, 'activity has no type'],
    ['no conversation', withoutField('conversation'), {}, 400, 'activity has no conversation id'],
    ['no sender', withoutField('from'), {}, 400, 'activity has no sender id'],
    ['no serviceUrl', withoutField('serviceUrl'), {}, 400, 'activity has no serviceUrl'],
  ];

  test.each(cases)('%s', async (_case, body, headers, status, problem) => {
    const logged = edge.logsFromNow();
    const callsBefore = connector.calls.length;
    const storedBefore = new Map(edge.stored);

    const answer = await edge.post(body, headers);

    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ error: problem });
    expect(logged()).toEqual([expect.objectContaining({ msg: 'turn', outcome: 'refused', status, problem, level: 'warn' })]);
    expect(edge.logText()).not.toContain(MARKER);
    expect(connector.calls.length).toBe(callsBefore);
    expect(edge.stored).toEqual(storedBefore);
  });
});

describe('oversized bodies are refused with 413 before they are read', () => {
  test('a declared length over the limit is refused at once', async () => {
    const answer = await edge.post(JSON.stringify({ type: 'message', text: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(answer.status).toBe(413);
    expect(answer.headers.get('connection')).toBe('close');
    expect(answer.body).toEqual({ error: 'body too large' });
  });

  test('a streamed body is cut off once it passes the limit (this one would never end)', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const endless = new ReadableStream<Uint8Array>({ pull: (controller) => controller.enqueue(chunk) });
    const init = { method: 'POST', body: endless, duplex: 'half', headers: { 'content-type': 'application/json' } };

    const response = await fetch(`${edge.baseUrl}/api/messages`, init as RequestInit);

    expect(response.status).toBe(413);
  });
});

test('a sender that goes away mid-body: logged as refused, nothing handled', async () => {
  const logged = edge.logsFromNow();
  const { port } = new URL(edge.baseUrl);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(`POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"type":"mess`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.destroy();

  while (logged().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(logged()).toEqual([expect.objectContaining({ msg: 'turn', outcome: 'refused', problem: 'body could not be read' })]);
});

test('an invoke the bot has no handler for gets 501 Not Implemented', async () => {
  const logged = edge.logsFromNow();
  const invoke = { ...typedMessage('', connector.serviceUrl), type: 'invoke', name: 'composeExtension/unknownThing', value: {} };

  const answer = await edge.postActivity(invoke);

  expect(answer.status).toBe(501);
  expect(logged()).toEqual([expect.objectContaining({ msg: 'turn', activityType: 'invoke', invokeName: 'composeExtension/unknownThing', outcome: 'unsupported', status: 501 })]);
});

test('an activity type the bot does not know is acknowledged with 200 and ignored', async () => {
  const callsBefore = connector.calls.length;
  const answer = await edge.postActivity({ ...typedMessage('', connector.serviceUrl), type: 'somethingNew' });
  expect(answer.status).toBe(200);
  expect(connector.calls.length).toBe(callsBefore);
});

test('other methods on /api/messages and unknown paths get 405 and 404', async () => {
  expect((await edge.get('/api/messages')).status).toBe(405);
  expect((await edge.get('/api/nothing-here')).status).toBe(404);
});

test('after all of that the process still serves: a typed command is answered through the connector', async () => {
  const logged = edge.logsFromNow();
  const callsBefore = connector.calls.length;

  const answer = await edge.postActivity(typedMessage(`report ${MARKER}`, connector.serviceUrl));

  expect(answer.status).toBe(200);
  const reply = connector.calls.slice(callsBefore);
  expect(reply).toHaveLength(1);
  expect(reply[0].path).toContain('/v3/conversations/');
  expect(logged()).toContainEqual(expect.objectContaining({ msg: 'turn', activityType: 'message', outcome: 'answered', status: 200 }));
});
