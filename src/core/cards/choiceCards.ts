import { ITEMS, ITEM_IDS, ItemId, SCENARIOS, SCENARIO_IDS, VERDICTS, VERDICT_IDS } from '../content';
import { button, cancelButton, commandButton } from './buttons';

/** The question cards: each choice is a button whose data names exactly what was chosen. */

export function chooseItemData() {
  return {
    title: 'Report to Microsoft: which item?',
    prompt: 'What did AIR miss or wrongly detect?',
    choices: ITEM_IDS.map((item) => button(ITEMS[item].label, { verb: 'report.item', item })),
    buttons: [cancelButton()],
  };
}

export function chooseVerdictData(item: ItemId) {
  return {
    title: `Report to Microsoft: ${ITEMS[item].label}`,
    prompt: 'Did AIR miss it, or did it flag something that is clean?',
    choices: VERDICT_IDS.map((verdict) =>
      button(`${VERDICTS[verdict].label} (${VERDICTS[verdict].term})`, { verb: 'report.verdict', item, verdict }),
    ),
    buttons: [commandButton('Choose another item', 'report'), cancelButton()],
  };
}

export function chooseScenarioData() {
  return {
    title: 'Stop an alert from recurring',
    prompt: 'Which describes the alert?',
    // The article's words in full; the buttons carry the short form Teams does not clip.
    details: SCENARIO_IDS.map((scenario) => `- ${SCENARIOS[scenario].label}`).join('\n'),
    choices: SCENARIO_IDS.map((scenario) => button(SCENARIOS[scenario].shortLabel, { verb: 'adjust.scenario', scenario })),
    buttons: [cancelButton()],
  };
}
