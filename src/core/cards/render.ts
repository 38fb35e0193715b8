import { actingData, actionCategoryData, actionConfirmData, actionDeviceData, actionMessageData, actionResultData } from './actionCards';
import { CardName, View } from '../views';
import { chooseItemData, chooseScenarioData, chooseVerdictData } from './choiceCards';
import { evidenceCardData } from './evidenceCard';
import { adjustAnswerData, fromMessageData, reportAnswerData } from './guidanceCard';
import { menuCardData } from './menuCard';
import { recordCardData } from './recordCard';
import { AdaptiveCard, expandTemplate } from './templates';
import { undoActingData, undoDoneData, undoPermissionsData, undoStepData } from './undoCards';

/**
 * Cards that belong to the analyst who asked: what the bot read in their text, questions and
 * walk-through steps; a direct action's confirmation and its result, so a late or second click on
 * it is judged as a click on that analyst's card. The bot lists them as that analyst's own, and their
 * clicks move the card in place. Menus and answers are for anyone.
 */
const OWNED_CARDS: ReadonlySet<CardName> = new Set<CardName>(['evidence', 'chooseItem', 'chooseVerdict', 'chooseScenario', 'undoPermissions', 'undoStep', 'actionCategory', 'actionMessage', 'actionConfirm', 'actionDevice', 'actionResult']);

export function isOwnedCard(view: View): boolean {
  return OWNED_CARDS.has(view.card);
}

/** Draws a view as an Adaptive Card 1.5. */
export function renderCard(view: View): AdaptiveCard {
  const notice = view.notice ? { notice: view.notice } : {};
  switch (view.card) {
    case 'menu':
      return expandTemplate('menu', { ...menuCardData(view.kind, view.stopped), ...notice });
    case 'evidence':
      return expandTemplate('evidence', { ...evidenceCardData(view), ...notice });
    case 'chooseItem':
      return expandTemplate('choice', { ...chooseItemData(), ...notice });
    case 'chooseVerdict':
      return expandTemplate('choice', { ...chooseVerdictData(view.item), ...notice });
    case 'chooseScenario':
      return expandTemplate('choice', { ...chooseScenarioData(), ...notice });
    case 'reportAnswer':
      return expandTemplate('guidance', { ...reportAnswerData(view.item, view.verdict), ...fromMessageData(view.context), ...actingData(view.actions), ...notice });
    case 'adjustAnswer':
      return expandTemplate('guidance', { ...adjustAnswerData(view.scenario), ...fromMessageData(view.context), ...actingData(view.actions), ...notice });
    case 'undoPermissions':
      return expandTemplate('undoPermissions', { ...undoPermissionsData(view.walk), ...fromMessageData(view.context), ...undoActingData(view.actions), ...notice });
    case 'undoStep':
      return expandTemplate('undoStep', { ...undoStepData(view.walk, view.step, view.branch), ...fromMessageData(view.context), ...notice });
    case 'undoDone':
      return expandTemplate('undoDone', { ...undoDoneData(view.branch), ...fromMessageData(view.context), ...notice });
    case 'record':
      return expandTemplate('record', { ...recordCardData(view), ...notice });
    case 'actionCategory':
      return expandTemplate('choice', { ...actionCategoryData(view.kind), ...notice });
    case 'actionMessage':
      return expandTemplate('actionMessage', { ...actionMessageData(view.category, view.recipient), ...notice });
    case 'actionConfirm':
      return expandTemplate('action', { ...actionConfirmData(view), ...notice });
    case 'actionDevice':
      return expandTemplate('choice', { ...actionDeviceData(view), ...notice });
    case 'actionResult':
      return expandTemplate('action', { ...actionResultData(view), ...notice });
  }
}
