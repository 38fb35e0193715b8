import { Guidance, ITEMS, ItemId, SCENARIOS, ScenarioId, VERDICTS, VerdictId } from '../content';
import { MessageContext } from '../evidence';
import { adjustPathToday, reportPathToday, TodayPath } from '../today';
import { Button, commandButton, link, LinkButton, linkTo, primary } from './buttons';
import { messageFacts } from '../evidence/defanging/messageFacts';

const VERDICT_SUBTITLES: Readonly<Record<VerdictId, string>> = {
  missed: 'A false negative: send it to Microsoft as a threat.',
  'wrongly-detected': 'A false positive: send it to Microsoft as clean.',
};

const VERDICT_NEXT: Readonly<Record<VerdictId, string>> = {
  missed: 'AIR took no action on it: contain or remove it yourself while Microsoft analyses it.',
  'wrongly-detected': 'If AIR already remediated it, undo that. If the alert keeps coming back, stop it recurring.',
};

const ADJUST_NEXT = 'If AIR already acted on a clean item, undo that too, and report the item to Microsoft so its verdict is corrected.';

/** Numbered steps as Adaptive Card markdown. */
const numbered = (steps: readonly string[]): string => steps.map((step, i) => `${i + 1}. ${step}`).join('\n');

/** Today's path, drawn: where, the numbered steps, and any caution or permission. */
function todayData(path: TodayPath) {
  return {
    where: path.where,
    steps: numbered(path.steps),
    ...(path.caution ? { caution: path.caution } : {}),
    ...(path.permission ? { permission: path.permission } : {}),
  };
}

/** The article's row: its services (with today's names) and its action, each linked. */
function articleText(guidance: Guidance): string {
  const services = guidance.services.map((s) => `[${s.articleName}](${s.articleUrl}) (today ${s.todayName})`).join(' or ');
  return `${services}: [${guidance.action.articleText}](${guidance.action.articleUrl}).`;
}

/** The answer card shared by report and adjust: today's path first, the article's row beside it. */
function guidanceData(title: string, subtitle: string, today: TodayPath, guidance: Guidance, explanation: string, next: Button[]) {
  const links: LinkButton[] = [primary(linkTo(today.open)), link('Article\'s guide (2020)', guidance.action.articleUrl)];
  return { title, subtitle, today: todayData(today), article: articleText(guidance), explanation, links, buttons: next };
}

export function reportAnswerData(itemId: ItemId, verdict: VerdictId) {
  const item = ITEMS[itemId];
  const next =
    verdict === 'wrongly-detected'
      ? [commandButton('Undo a remediation', 'undo'), commandButton('Stop the alert recurring', 'adjust')]
      : [commandButton('Report something else', 'report')];
  return guidanceData(`${item.label}: ${VERDICTS[verdict].label}`, VERDICT_SUBTITLES[verdict], reportPathToday(itemId, verdict), item, VERDICT_NEXT[verdict], next);
}

export function adjustAnswerData(scenarioId: ScenarioId) {
  const scenario = SCENARIOS[scenarioId];
  return guidanceData('Stop the alert recurring', scenario.label, adjustPathToday(scenarioId), scenario, ADJUST_NEXT, [
    commandButton('Report to Microsoft', 'report'),
    commandButton('Undo a remediation', 'undo'),
  ]);
}

/**
 * The "From your message" block at the top of an answer reached from the bot's proposal: the evidence
 * (defanged) and the incident or alert, so a channel thread still shows what the answer is about.
 */
export function fromMessageData(context: MessageContext | undefined) {
  const facts = context ? messageFacts(context) : [];
  return facts.length > 0 ? { fromMessage: facts } : {};
}
