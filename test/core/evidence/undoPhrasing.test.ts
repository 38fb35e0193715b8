import { UNDO_HELD_OUT } from './undoHeldOut';
import { UNDO_PHRASINGS } from './undoPhrasings';
import { qualityOf } from './quality';

/** Asking for an undo leads to the undo first; asking for an alert to stop leads to the adjust path (issue 27). */
describe('undo and "make it stop" phrasings', () => {
  it('has at least 60 tuning messages and a held-out part kept apart', () => {
    expect(UNDO_PHRASINGS.length).toBeGreaterThanOrEqual(60);
    const tuning = new Set(UNDO_PHRASINGS.map((p) => p.text));
    expect(UNDO_HELD_OUT.filter((p) => tuning.has(p.text))).toEqual([]);
  });

  it('reads every tuning message; the held-out part is printed and stays at 0.9 or better', () => {
    const tuning = qualityOf(UNDO_PHRASINGS);
    const heldOut = qualityOf(UNDO_HELD_OUT);
    const line = (name: string, q: typeof tuning): string => `${name}: ${q.cases} messages, precision ${q.precision.toFixed(3)}, recall ${q.recall.toFixed(3)}`;
    console.log([line('undo tuning part', tuning), line('undo held-out part', heldOut), 'held-out misses:', ...heldOut.misses].join('\n'));
    expect(tuning.misses).toEqual([]);
    expect(heldOut.precision).toBeGreaterThanOrEqual(0.9);
    expect(heldOut.recall).toBeGreaterThanOrEqual(0.9);
  });
});
