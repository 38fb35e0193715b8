import { noteReplied, runInTurnScope, TurnScope, whenReplied } from '../../src/ops/turnScope';

/** Work a turn leaves for after its answer (a direct action's send) starts only once the channel has that answer. */
describe('whenReplied', () => {
  it('waits inside a turn until the edge notes the answer, then runs once', async () => {
    const scope: TurnScope = { correlationId: 'c-1', failed: false };
    const ran: string[] = [];
    await runInTurnScope(scope, async () => {
      whenReplied(() => ran.push('send'));
    });
    expect(ran).toEqual([]);
    noteReplied(scope);
    expect(ran).toEqual(['send']);
    noteReplied(scope);
    expect(ran).toEqual(['send']);
  });

  it('runs at once when the answer has gone already (a turn past its deadline) or outside any turn', async () => {
    const scope: TurnScope = { correlationId: 'c-2', failed: false };
    noteReplied(scope);
    const ran: string[] = [];
    await runInTurnScope(scope, async () => whenReplied(() => ran.push('late turn')));
    whenReplied(() => ran.push('no turn'));
    expect(ran).toEqual(['late turn', 'no turn']);
  });
});
