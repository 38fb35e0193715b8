import { BRANCH_IDS, ITEM_IDS, SCENARIO_IDS, UNDO_STEP_COUNT, VERDICT_IDS } from '../../src/core/content';
import { View } from '../../src/core/views';

/** Every view the bot can show, with and without the optional parts. */
export function allViews(): View[] {
  const branches = [undefined, ...BRANCH_IDS];
  const steps = Array.from({ length: UNDO_STEP_COUNT }, (_, i) => i + 1);
  const optionalBranch = (branch: (typeof branches)[number]) => (branch ? { branch } : {});
  return [
    { card: 'menu', kind: 'welcome' },
    { card: 'menu', kind: 'help', notice: 'You still have a report question open; its card still works.' },
    { card: 'menu', kind: 'cancelled', stopped: 'the undo walk-through (at step 3 of 7)' },
    { card: 'menu', kind: 'cancelled' },
    { card: 'chooseItem' },
    ...ITEM_IDS.map((item): View => ({ card: 'chooseVerdict', item })),
    ...ITEM_IDS.flatMap((item) => VERDICT_IDS.map((verdict): View => ({ card: 'reportAnswer', item, verdict }))),
    { card: 'chooseScenario' },
    ...SCENARIO_IDS.map((scenario): View => ({ card: 'adjustAnswer', scenario })),
    { card: 'undoPermissions', walk: 'walk-1' },
    ...steps.flatMap((step) => branches.map((branch): View => ({ card: 'undoStep', walk: 'walk-1', step, ...optionalBranch(branch) }))),
    ...branches.map((branch): View => ({ card: 'undoDone', ...optionalBranch(branch) })),
  ];
}
