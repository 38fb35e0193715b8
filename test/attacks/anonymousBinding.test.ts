import { readFileSync } from 'node:fs';
import { BotProcess, startBotProcess } from '../../tools/botProcess';

/**
 * Anonymous mode checks no token, so it serves this machine only: without MicrosoftAppId the bot
 * listens on 127.0.0.1, an explicit HOST may widen that (and the log says so), and a blank app id
 * beside an app type that needs one stops start-up with one line naming the variable.
 */

/** The local addresses the process's port is listening on, read from the kernel's socket tables. */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const LISTEN = '0A';
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === LISTEN)
      .map((fields) => fields[1].split(':')[0]),
  );
}

const LOOPBACK_V4 = '0100007F';
const portOf = (bot: BotProcess): number => Number(new URL(bot.url).port);
const logLines = (bot: BotProcess): Record<string, unknown>[] =>
  bot
    .output()
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

test('without MicrosoftAppId the bot listens on 127.0.0.1 only', async () => {
  const bot = await startBotProcess({ env: { STORAGE: 'memory' } });
  try {
    const addresses = listeningAddresses(portOf(bot));
    console.log(`anonymous bot listens on ${JSON.stringify(addresses)} (hex, as /proc/net/tcp shows them)`);
    expect(addresses).toEqual([LOOPBACK_V4]);
  } finally {
    await bot.stop();
  }
});

test('HOST=0.0.0.0 widens it, and the log warns that no token is checked', async () => {
  const bot = await startBotProcess({ env: { STORAGE: 'memory', HOST: '0.0.0.0' } });
  try {
    expect(listeningAddresses(portOf(bot))).toEqual(['00000000']);
    expect(logLines(bot)).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/anonymous mode listens beyond this machine/) }));
  } finally {
    await bot.stop();
  }
});

test.each(['SingleTenant', 'UserAssignedMSI'])('a blank MicrosoftAppId with MicrosoftAppType=%s stops start-up with one line naming it', async (appType) => {
  const started = startBotProcess({ env: { STORAGE: 'memory', MicrosoftAppType: appType, MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' } });
  await expect(started).rejects.toThrow(/exited while starting \(code 1/);
  const output = ((await started.catch((error: Error) => error)) as Error).message.split('\n').slice(1).join('\n').trim();
  expect(output.split('\n')).toHaveLength(1);
  expect(JSON.parse(output)).toMatchObject({ level: 'fatal', variable: 'MicrosoftAppId' });
});
