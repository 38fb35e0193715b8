import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ownRecordKey, threadRecordKey } from '../../src/bot/record/recordStore';
import { INTAKE_KEY_PREFIX, RECORD_KEY_SUFFIX, SqliteStorage } from '../../src/storage/sqlite/sqliteStorage';

/** Threads' records outlive walk-through state on SQLite: RECORD_TTL_DAYS, not STATE_TTL_HOURS. */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const thread = { channelId: 'msteams', conversation: { id: '19:incident@thread.tacv2;messageid=17', conversationType: 'channel', isGroup: true, name: '' } };
const analyst = { channelId: 'msteams', from: { id: '29:alice', name: 'Alice' } };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'record-ttl-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('keeps records for their own days while walk-through state is swept after its hours', async () => {
  let now = Date.UTC(2026, 11, 1);
  const open = () => new SqliteStorage({ path: path.join(dir, 'state.db'), ttlHours: 72, keptLonger: { keySuffix: '/record', ttlHours: 90 * 24 }, now: () => now });
  const before = open();
  const walk = 'msteams/conversations/19%3Aincident/users/29%3Aalice';
  await before.write({ [walk]: { v: 1 }, [threadRecordKey(thread)]: { entries: [] }, [ownRecordKey(analyst)]: { entries: [] } });
  before.close();

  now += 73 * HOUR_MS;
  const afterThreeDays = open();
  expect(Object.keys(await afterThreeDays.read([walk, threadRecordKey(thread), ownRecordKey(analyst)])).sort()).toEqual(
    [ownRecordKey(analyst), threadRecordKey(thread)].sort(),
  );
  afterThreeDays.close();

  now += 88 * DAY_MS;
  const afterNinetyOneDays = open();
  expect(await afterNinetyOneDays.read([threadRecordKey(thread), ownRecordKey(analyst)])).toEqual({});
  afterNinetyOneDays.close();
});

it("keeps intake's keys (an incident's thread, the cursor) as long as the records: an incident is never posted twice for being old", async () => {
  let now = Date.UTC(2026, 11, 1);
  const open = () => new SqliteStorage({ path: path.join(dir, 'state.db'), ttlHours: 72, keptLonger: { keySuffix: RECORD_KEY_SUFFIX, keyPrefix: INTAKE_KEY_PREFIX, ttlHours: 90 * 24 }, now: () => now });
  const incident = `${INTAKE_KEY_PREFIX}incident/1000`;
  // A key that only looks like one in the middle is not kept longer.
  const lookalike = 'msteams/users/intake/incident/1000';
  const before = open();
  await before.write({ [incident]: { state: 'posted' }, [lookalike]: { v: 1 } });
  before.close();

  now += 73 * HOUR_MS;
  const afterThreeDays = open();
  expect(Object.keys(await afterThreeDays.read([incident, lookalike]))).toEqual([incident]);
  afterThreeDays.close();

  now += 88 * DAY_MS;
  const afterNinetyOneDays = open();
  expect(await afterNinetyOneDays.read([incident])).toEqual({});
  afterNinetyOneDays.close();
});
