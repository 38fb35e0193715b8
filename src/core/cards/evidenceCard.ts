import { CardAction } from '../cardActions';
import { Command } from '../commands';
import { ItemId, ITEMS, ScenarioId, SCENARIOS, VerdictId, VERDICTS } from '../content';
import { Proposal } from '../evidence';
import { EvidenceView } from '../views';
import { button, Button, commandButton, primary } from './buttons';
import { messageFacts } from '../evidence/defanging/messageFacts';

/** With "No, let me choose" beside them, the choices keep the card within Teams' six buttons. */
const MAX_CHOICES = 4;

/** Item names short enough for a button title of at most 40 characters; the card body gives the full name. */
const SHORT_ITEMS: Readonly<Record<ItemId, string>> = {
  'email-message': 'email message',
  'email-attachment': 'email attachment',
  'url-in-email': 'URL in an email',
  'url-in-office-file': 'URL in an Office file',
  'file-on-device': 'file on a device',
};

/** "Report missed email message", "Report clean URL in an email". */
const VERDICT_WORDS: Readonly<Record<VerdictId, string>> = { missed: 'missed', 'wrongly-detected': 'clean' };

const SHORT_SCENARIOS: Readonly<Record<ScenarioId, string>> = {
  'legitimate-use': 'Tune: legitimate use',
  'inaccurate-alert': 'Tune: inaccurate alert',
  'malware-on-device': 'Allow indicator on devices',
};

const UNDO_TITLE = 'Undo a remediation';
const UNDO_DETAIL = 'a permissions check, then the seven steps in the Action center';

/** The button data that takes the analyst along a proposal: to the answer when the verdict is known. */
function proposalAction(proposal: Proposal): CardAction {
  switch (proposal.flow) {
    case 'adjust':
      return { verb: 'adjust.scenario', scenario: proposal.scenario };
    case 'undo':
      return { verb: 'command', command: 'undo' };
    case 'report': {
      const { item, verdict } = proposal;
      return verdict ? { verb: 'report.verdict', item, verdict } : { verb: 'report.item', item };
    }
  }
}

/** Where "No, let me choose" goes: the question of the proposed flow, or the menu. */
function chooseCommand(proposal: Proposal): Command {
  return proposal.flow === 'undo' ? 'help' : proposal.flow;
}

/** A proposal in words, at three lengths. */
interface Wording {
  /** In the words of the card it leads to, so the analyst recognises it on arrival. */
  readonly heading: string;
  /** A button title of at most 40 characters. */
  readonly title: string;
  /** In full, for the card body: the button's title is short. */
  readonly detail: string;
}

function wordingOf(proposal: Proposal): Wording {
  switch (proposal.flow) {
    case 'adjust': {
      const label = SCENARIOS[proposal.scenario].label;
      return { heading: `Stop the alert recurring: ${label}`, title: SHORT_SCENARIOS[proposal.scenario], detail: `stop the alert recurring: ${label}` };
    }
    case 'undo':
      return { heading: UNDO_TITLE, title: UNDO_TITLE, detail: UNDO_DETAIL };
    case 'report': {
      const { item, verdict } = proposal;
      const label = ITEMS[item].label;
      if (!verdict) return { heading: `Report to Microsoft: ${label}`, title: `Report: ${SHORT_ITEMS[item]}`, detail: `report to Microsoft: ${label}` };
      const { label: said, term } = VERDICTS[verdict];
      return {
        heading: `${label}: ${said}`,
        title: `Report ${VERDICT_WORDS[verdict]} ${SHORT_ITEMS[item]}`,
        detail: `report to Microsoft: ${label}, ${said} (${term})`,
      };
    }
  }
}

/** "a URL, the word "email" and the word "clean"" */
function listed(phrases: readonly string[]): string {
  if (phrases.length < 2) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}

export function evidenceCardData(view: EvidenceView) {
  const sure = view.confidence === 'sure';
  const offered = sure ? [] : [view.proposal, ...view.alternatives].slice(0, MAX_CHOICES);
  // The likeliest choice is the card's main action, whether it is the one proposal or the first of several.
  const choices: Button[] = offered.map((p, i) => {
    const choice = button(wordingOf(p).title, proposalAction(p));
    return i === 0 ? primary(choice) : choice;
  });
  return {
    title: sure ? wordingOf(view.proposal).heading : 'Which of these is it?',
    prompt: sure ? 'Is this what you need? I read it from the message.' : 'I could not be sure from the message. The likeliest first:',
    reasons: `Because I found ${listed(view.reasons)}.`,
    ...(offered.length > 0 ? { choiceDetails: offered.map((p) => `- **${wordingOf(p).title}**: ${wordingOf(p).detail}`).join('\n') } : {}),
    facts: messageFacts({ evidence: view.evidence, references: view.references ?? [] }),
    choices,
    buttons: [
      ...(sure ? [primary(button('Yes, show me what to do', proposalAction(view.proposal)))] : []),
      commandButton('No, let me choose', chooseCommand(view.proposal)),
    ],
  };
}
