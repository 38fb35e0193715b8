import { TestAdapter, TurnContext } from 'botbuilder';
import { FlowRunner } from '../../src/bot/turns/flowRunner';
import { MemoryStateStore } from '../../src/storage/memory/memoryStateStore';

/**
 * The flow runner builds the dialog's memory scopes once and gives them to every later turn. The
 * SDK finds them under a key it does not export: if an SDK upgrade renames it, this fails (turns
 * would still be right, only slower).
 */
const SDK_KEY = 'DialogStateManagerConfiguration';

function turnContext(adapter: TestAdapter, id: string): TurnContext {
  return new TurnContext(adapter, {
    type: 'message',
    id,
    text: 'help',
    channelId: 'msteams',
    conversation: { id: 'a:scopes', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: '29:alice', name: 'Alice Analyst' },
    recipient: { id: '28:bot', name: 'Bot' },
  });
}

it('every turn after the first uses the memory scopes the first turn built', async () => {
  const adapter = new TestAdapter();
  const runner = new FlowRunner(new MemoryStateStore(), { newWalkId: () => 'w1' });
  const scopes = [];
  for (const id of ['m1', 'm2', 'm3']) {
    const context = turnContext(adapter, id);
    const outcome = await runner.run(context, { kind: 'text', text: 'help' }, { viaConnector: () => false });
    expect(outcome.kind).toBe('answered');
    scopes.push(context.turnState.get(SDK_KEY));
  }
  expect(scopes[0]).toEqual(expect.objectContaining({ memoryScopes: expect.any(Array) }));
  expect(scopes[1]).toBe(scopes[0]);
  expect(scopes[2]).toBe(scopes[0]);
});
