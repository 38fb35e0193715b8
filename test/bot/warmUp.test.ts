import { expect, it, jest } from '@jest/globals';
import type { TurnContext } from 'botbuilder-core';
import { CARD_ACTION_INVOKE } from '../../src/bot/wireNames';
import { TeamsBot } from '../../src/bot/teamsBot';
import { warmUp } from '../../src/bot/warmUp';

/** The start-up warm-up walks the undo walk-through for real (typed turns and clicks), in memory, sending nothing anywhere. */
it('types messages and clicks through undo walks, each click answered with the next card', async () => {
  const run = jest.spyOn(TeamsBot.prototype, 'run');
  let walkId = 0;
  await warmUp({ newWalkId: () => `warm${++walkId}` });
  const clicks = run.mock.calls.map(([context]) => (context as TurnContext).activity).filter((activity) => activity.name === CARD_ACTION_INVOKE);
  const verbs = clicks.map((activity) => (activity.value as { action: { verb: string } }).action.verb);
  expect(verbs.filter((verb) => verb === 'undo.next').length).toBeGreaterThanOrEqual(15);
  expect(verbs).toContain('undo.branch');
  run.mockRestore();
});
