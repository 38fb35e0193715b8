import { BranchId, ItemId, ScenarioId, VerdictId } from './content';

/** Which menu card: they share a shape and differ in what they say first. */
export type MenuKind = 'welcome' | 'help' | 'cancelled';

/**
 * What the analyst should see next, independent of how it is drawn. `notice` is a one-line
 * remark shown above the card (an out-of-date click, a refused button).
 */
export type View = (
  | { card: 'menu'; kind: MenuKind; stopped?: string }
  | { card: 'chooseItem' }
  | { card: 'chooseVerdict'; item: ItemId }
  | { card: 'reportAnswer'; item: ItemId; verdict: VerdictId }
  | { card: 'chooseScenario' }
  | { card: 'adjustAnswer'; scenario: ScenarioId }
  | { card: 'undoPermissions'; walk: string }
  | { card: 'undoStep'; walk: string; step: number; branch?: BranchId }
  | { card: 'undoDone'; branch?: BranchId }
) & { notice?: string };

export type CardName = View['card'];
