import { RunningPlayground, startPlayground } from '../../scripts/playground';
import { BOT_BUNDLE } from '../../tools/botProcess';
import path from 'node:path';
import { button, Json, textOf, titleOf } from '../../tools/cardReader';
import { cardIn, PlaygroundClient } from '../support/playgroundClient';

/**
 * DIRECT_ACTIONS=dry-run in Microsoft 365 Agents Playground, as a new user would try it in their
 * personal chat: pasted evidence, then three clicks to "dry run: nothing was sent".
 */

jest.setTimeout(60_000);

let playground: RunningPlayground | undefined;
let client: PlaygroundClient;

beforeAll(async () => {
  // The bundle the other end-to-end suites build (test/support/playgroundSession.ts); here with direct actions in dry run.
  playground = await startPlayground({
    botPort: 0,
    playgroundPort: 0,
    botEntry: path.resolve(__dirname, '..', '..', 'dist', BOT_BUNDLE),
    botEnv: { STORAGE: 'memory', LOG_LEVEL: 'warn', DIRECT_ACTIONS: 'dry-run' },
  });
  client = await PlaygroundClient.connect(playground.url);
});

afterAll(async () => {
  client?.close();
  await playground?.stop();
});

it('pasted evidence, then three clicks: the answer, a confirmation showing the URL, and "dry run: nothing was sent"', async () => {
  const me = client.world.me;
  const chat = client.world.personalChatId;
  const { reply } = await client.ask(chat, me, "hxxps://contoso-login[.]example/verify was blocked in an email, it's clean", false);
  const held = { messageId: reply.messageId, card: cardIn(reply) };

  const answer = (await client.execute(chat, me, held.messageId, button(held.card, 'Yes, show me what to do'))).value as Json; // 1
  expect(titleOf(answer)).toContain('URL in an email');

  const mark = client.mark();
  const started = await client.execute(chat, me, held.messageId, button(answer, 'Submit the URL from Teams')); // 2
  expect(started.value).toBe('Done: see the new card.');
  const confirmationMessage = await client.nextCreated(mark, chat);
  const confirmation = cardIn(confirmationMessage);
  expect(textOf(confirmation)).toContain('hxxps[://]contoso-login[.]example/verify');
  expect(textOf(confirmation)).toContain('Dry run: nothing will be sent');

  const result = (await client.execute(chat, me, confirmationMessage.messageId, button(confirmation, 'Confirm'))).value as Json; // 3
  expect(titleOf(result)).toBe('Dry run: nothing was sent');
  expect(textOf(result)).toContain('Action: Submit the URL to Microsoft');
  expect(textOf(result)).toContain('POST /security/threatSubmission/urlThreats');
});
