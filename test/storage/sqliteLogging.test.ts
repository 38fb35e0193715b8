import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/ops/logger';
import { SqliteStorage } from '../../src/storage/sqlite/sqliteStorage';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sqlite-logging-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('a state row that is not JSON is read as empty and reported in the log it was given, not as a process warning', async () => {
  const file = path.join(dir, 'state.db');
  const lines: string[] = [];
  const storage = new SqliteStorage({ path: file, log: createLogger('info', { write: (line: string) => void lines.push(line) }) });
  await storage.write({ 'chat/alice': { v: 1 } });
  const raw = new Database(file);
  raw.prepare('UPDATE state SET json = ? WHERE key = ?').run('{"v":1,', 'chat/alice');
  raw.close();
  const warnings = jest.spyOn(process, 'emitWarning');

  const read = await storage.read(['chat/alice']);

  expect(read['chat/alice']).toEqual({ eTag: expect.any(String) });
  expect(warnings).not.toHaveBeenCalled();
  expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ level: 'warn', key: 'chat/alice', msg: 'SQLite state row is not JSON; read as empty' })]);
  storage.close();
});
