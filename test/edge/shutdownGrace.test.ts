import { createShutdown } from '../../src/ops/shutdown';
import { EdgeServer, startEdgeServer } from '../support/edgeServer';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { typedMessage } from '../support/wireActivities';

/** Shutdown is bounded: a turn that will not finish, or storage that will not close, ends it with exit code 1. */

const GRACE_MS = 300;

let connector: FakeConnector;
let edge: EdgeServer;

beforeEach(async () => {
  connector = await startFakeConnector();
  edge = await startEdgeServer();
});

afterEach(async () => {
  connector.release(200);
  await edge.turns.drain(5_000);
  await connector.close();
});

function shutdownOf(closeStorage: () => Promise<void>): { run: () => Promise<void>; exitCodes: number[] } {
  const exitCodes: number[] = [];
  const shutdown = createShutdown({ server: edge.httpServer, turns: edge.turns, closeStorage, log: edge.log, exit: (code) => void exitCodes.push(code), graceMs: GRACE_MS });
  return { run: () => shutdown('SIGTERM'), exitCodes };
}

test('a turn still running at the end of the grace period: the process exits 1 after the grace, not later', async () => {
  connector.hold();
  const stuck = edge.postActivity(typedMessage('report', connector.serviceUrl)).catch(() => 'cut off');
  while (edge.turns.size === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  const { run, exitCodes } = shutdownOf(async () => undefined);

  const started = Date.now();
  await run();

  expect(exitCodes).toEqual([1]);
  expect(Date.now() - started).toBeLessThan(GRACE_MS + 1_000);
  expect(edge.logs()).toContainEqual(expect.objectContaining({ msg: 'turns still running at the end of the grace period', inFlight: 1 }));
  await stuck;
});

test('storage that fails to close: logged, exit 1; a second signal changes nothing', async () => {
  const { run, exitCodes } = shutdownOf(() => Promise.reject(new Error('database is locked')));

  await run();
  await run();

  expect(exitCodes).toEqual([1]);
  expect(edge.logs()).toContainEqual(expect.objectContaining({ msg: 'storage did not close cleanly', level: 'error' }));
});
