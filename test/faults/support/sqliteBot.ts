import { afterAll, beforeAll } from '@jest/globals';
import { BotProcess, startBotProcess } from '../../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../../tools/fakeConnector';
import { SqliteState, sqliteState } from './sqliteState';

/** One built bot on a SQLite file of its own, replying to a fake connector. */
export interface SqliteBot {
  readonly connector: FakeConnector;
  readonly state: SqliteState;
  readonly bot: BotProcess;
}

/**
 * Starts a SqliteBot before the test file's tests and stops it after them. Its parts exist once
 * the tests run: read them there (`run.bot.url`), not when the file loads.
 */
export function sqliteBotForThisFile(): SqliteBot {
  const run = {} as { connector: FakeConnector; state: SqliteState; bot: BotProcess };
  beforeAll(async () => {
    run.connector = await startFakeConnector();
    run.state = sqliteState();
    run.bot = await startBotProcess({ env: run.state.env });
  });
  afterAll(async () => {
    await run.bot?.kill();
    await run.connector?.close();
    run.state?.dispose();
  });
  return run;
}
