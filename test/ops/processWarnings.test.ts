import { spawnSync } from 'node:child_process';
import path from 'node:path';

const compiled = (file: string): string => JSON.stringify(path.resolve(__dirname, '..', '..', 'dist', 'src', 'ops', file));

// In a process of its own: jest's sandbox gives a test a process object whose warnings are not the real ones.
test('a process warning becomes one JSON warn line with its name and code, not text on stderr', () => {
  const script = `
    const { createLogger } = require(${compiled('logger.js')});
    require(${compiled('processWarnings.js')}).logProcessWarnings(createLogger('info'));
    process.emitWarning('an old call', { type: 'DeprecationWarning', code: 'DEP9999' });`;
  const { stdout, stderr } = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(stderr).toBe('');
  const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines).toEqual([expect.objectContaining({ level: 'warn', warning: 'DeprecationWarning', code: 'DEP9999', msg: 'an old call' })]);
});
