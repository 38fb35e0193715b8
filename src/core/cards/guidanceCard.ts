import { Guidance, ITEMS, ItemId, SCENARIOS, ScenarioId, VERDICTS, VerdictId } from '../content';
import { Button, commandButton, link } from './buttons';

const VERDICT_EXPLANATIONS: Readonly<Record<VerdictId, string>> = {
  missed:
    'Send it to Microsoft so it is analysed and detection improves. Meanwhile, deal with the item yourself: AIR took no action on it.',
  'wrongly-detected':
    'Send it to Microsoft as clean so the verdict is corrected. If AIR already remediated it, undo that; if the alert keeps coming back, adjust it.',
};

const ADJUST_EXPLANATION =
  'Tune the alert where it is managed so it stops firing for this activity. If AIR already acted on a clean item, undo that too.';

/** The answer card shared by report and adjust: the service, what to do there, and links to both pages. */
function guidanceData(title: string, facts: { label: string; value: string }[], guidance: Guidance, explanation: string, next: Button[]) {
  const serviceNames = guidance.services.map((s) => `${s.articleName} (today: ${s.todayName})`).join(' or ');
  return {
    title,
    facts: [
      ...facts,
      { label: 'Service', value: serviceNames },
      { label: 'What to do', value: guidance.action.articleText },
      { label: 'Today', value: guidance.action.todayText },
    ],
    explanation,
    serviceLinks: `About the service: ${guidance.services.map((s) => `[${s.articleName}](${s.articleUrl})`).join(' or ')}`,
    links: [link('Open the guide', guidance.action.articleUrl), link('Open in Defender portal', guidance.action.todayUrl)],
    buttons: [...next, commandButton('Start over', 'cancel')],
  };
}

export function reportAnswerData(itemId: ItemId, verdictId: VerdictId) {
  const item = ITEMS[itemId];
  const verdict = VERDICTS[verdictId];
  return guidanceData(
    `${item.label}: ${verdict.label} (${verdict.term})`,
    [
      { label: 'Item', value: item.label },
      { label: 'Verdict', value: `${verdict.label}, a ${verdict.term}` },
    ],
    item,
    VERDICT_EXPLANATIONS[verdictId],
    [commandButton('Adjust an alert', 'adjust'), commandButton('Undo a remediation', 'undo')],
  );
}

export function adjustAnswerData(scenarioId: ScenarioId) {
  const scenario = SCENARIOS[scenarioId];
  return guidanceData(
    `Stop the alert recurring: ${scenario.label}`,
    [{ label: 'Scenario', value: scenario.label }],
    scenario,
    ADJUST_EXPLANATION,
    [commandButton('Report to Microsoft', 'report'), commandButton('Undo a remediation', 'undo')],
  );
}
