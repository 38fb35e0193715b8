import { expect, it, jest } from '@jest/globals';
import type { TurnContext } from 'botbuilder-core';
import { CARD_ACTION_INVOKE } from '../../src/core/wireNames';
import * as cardRendering from '../../src/core/cards/render';
import { SAMPLE_VIEWS } from '../../src/core/cards/sampleViews';
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

it('renders every kind of card at least 15 times more, so the templating engine is warm before the first burst', async () => {
  const render = jest.spyOn(cardRendering, 'renderCard');
  await warmUp({ newWalkId: () => 'warm' });
  const rendered = new Map<string, number>();
  for (const [view] of render.mock.calls) rendered.set(view.card, (rendered.get(view.card) ?? 0) + 1);
  expect(Math.min(...Object.keys(SAMPLE_VIEWS).map((kind) => rendered.get(kind) ?? 0))).toBeGreaterThanOrEqual(15);
  render.mockRestore();
});
