import { CardAction, CardOwner } from '../cardActions';
import { ITEMS, SCENARIOS, VERDICTS } from '../content';
import { EvidenceKind, Proposal } from '../evidence';
import { EvidenceView } from '../views';
import { button, Button, commandButton } from './buttons';

const KIND_LABELS: Readonly<Record<EvidenceKind, string>> = {
  url: 'URL',
  domain: 'Domain',
  ipv4: 'IP address',
  ipv6: 'IPv6 address',
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  email: 'Email address',
  file: 'File',
  device: 'Device',
};

/** With "No, let me choose" beside them, the choices keep the card within Teams' six buttons. */
const MAX_CHOICES = 4;

/** The button data that takes the analyst along a proposal: to the answer when the verdict is known. */
function proposalAction(proposal: Proposal): CardAction {
  if (proposal.flow === 'adjust') return { verb: 'adjust.scenario', scenario: proposal.scenario };
  const { item, verdict } = proposal;
  return verdict ? { verb: 'report.verdict', item, verdict } : { verb: 'report.item', item };
}

/** The proposal in the words of the card it leads to, so the analyst recognises it on arrival. */
function headingOf(proposal: Proposal): string {
  if (proposal.flow === 'adjust') return `Stop the alert recurring: ${SCENARIOS[proposal.scenario].label}`;
  const item = ITEMS[proposal.item].label;
  if (!proposal.verdict) return `Report to Microsoft: ${item}`;
  const verdict = VERDICTS[proposal.verdict];
  return `${item}: ${verdict.label} (${verdict.term})`;
}

function choiceTitle(proposal: Proposal): string {
  if (proposal.flow === 'adjust') return `Adjust the alert: ${SCENARIOS[proposal.scenario].label}`;
  const term = proposal.verdict ? ` (${VERDICTS[proposal.verdict].term})` : '';
  return `Report: ${ITEMS[proposal.item].label}${term}`;
}

/** "a URL, the word "email" and the word "clean"" */
function listed(phrases: readonly string[]): string {
  if (phrases.length < 2) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}

/**
 * Displays come defanged, but a URL's keeps its scheme separator (`hxxps://`), which some clients
 * still read as the start of a link; bracketed like the dots, nothing the analyst sent can become one.
 */
const inert = (display: string): string => display.split('://').join('[://]');

export function evidenceCardData(view: EvidenceView, owner?: CardOwner) {
  const sure = view.confidence === 'sure';
  const choices: Button[] = sure
    ? []
    : [view.proposal, ...view.alternatives].slice(0, MAX_CHOICES).map((p) => button(choiceTitle(p), proposalAction(p), owner));
  return {
    title: sure ? headingOf(view.proposal) : 'Which of these is it?',
    prompt: sure ? 'Is this what you need? I read it from the message.' : 'I could not be sure from the message. The likeliest first:',
    reasons: `Because I found ${listed(view.reasons)}.`,
    facts: view.evidence.map((e) => ({ label: KIND_LABELS[e.kind], value: inert(e.display) })),
    choices,
    buttons: [
      ...(sure ? [button('Yes, show me what to do', proposalAction(view.proposal), owner)] : []),
      commandButton('No, let me choose', view.proposal.flow, owner),
    ],
  };
}
