import type { ItemId, VerdictId } from './content';
import { distinctBy } from './distinct';
import type { Proposal } from './evidence/types';

/**
 * The safety rule, in one place: an allow of any kind tells Defender to stop treating something
 * as a threat, so it is only ever offered for what the analyst says was wrongly detected (a false
 * positive). A missed threat or an unknown verdict never gets one. Everything that proposes,
 * describes or performs an allow asks here.
 */

/** The allows an answer can lead to. */
export type AllowKind =
  /** Defender for Endpoint indicator with the Allow action: the adjust row "treated as malware on a device". */
  | 'allow-indicator'
  /** Tenant Allow/Block List entry, offered by the Submissions form for a clean email, attachment or URL. */
  | 'tenant-allow-entry';

/** What the analyst said about the item; undefined when they have not said. */
export type Judgement = VerdictId | undefined;

/** Whether an allow may be offered, described or made for an item the analyst judged so. */
export function allowPermitted(judgement: Judgement): judgement is 'wrongly-detected' {
  return judgement === 'wrongly-detected';
}

/**
 * Whether an undo by API (release a device, lift its restriction, move an email back) may be offered,
 * described or sent: like an allow, it tells Defender that AIR acted on something harmless, so only
 * for what the analyst says was wrongly remediated. Asking for the undo says so, unless the analyst
 * also said something was missed (then the judgement is "missed", and no undo is ever offered).
 */
export function undoPermitted(judgement: Judgement): judgement is 'wrongly-detected' {
  return judgement === 'wrongly-detected';
}

/** The allow the answer a proposal leads to would offer, if any. */
export function allowOffered(proposal: Proposal): AllowKind | undefined {
  switch (proposal.flow) {
    case 'adjust':
      return proposal.scenario === 'malware-on-device' ? 'allow-indicator' : undefined;
    case 'report':
      return proposal.verdict === 'wrongly-detected' && proposal.item !== 'file-on-device' ? 'tenant-allow-entry' : undefined;
    case 'undo':
      return undefined;
  }
}

/**
 * The proposal the bot may make: unchanged when it offers no allow or the analyst said false
 * positive; otherwise the report of the same item with the analyst's own verdict (missed: report it
 * as a threat), or with none, so that the verdict question comes next.
 */
export function safeProposal(proposal: Proposal, judgement: Judgement, item: ItemId): Proposal {
  if (allowOffered(proposal) === undefined || allowPermitted(judgement)) return proposal;
  return judgement === undefined ? { flow: 'report', item } : { flow: 'report', item, verdict: judgement };
}

/**
 * The analyst's judgement as an offer of safe choices carries it: a choice that offers an allow
 * survives safeChoices only for a false positive, and a missed report keeps its verdict. An offer that
 * leads with the undo came from a request to reverse AIR's action: a judgement that it was wrong.
 */
export function judgementOf(choices: readonly Proposal[]): Judgement {
  if (choices.some((choice) => allowOffered(choice) !== undefined)) return 'wrongly-detected';
  if (choices.some((choice) => choice.flow === 'report' && choice.verdict === 'missed')) return 'missed';
  return choices[0]?.flow === 'undo' ? 'wrongly-detected' : undefined;
}

/** Every choice made safe, duplicates dropped, in order. */
export function safeChoices(choices: readonly Proposal[], judgement: Judgement, item: ItemId): Proposal[] {
  return distinctBy(
    choices.map((choice) => safeProposal(choice, judgement, item)),
    (choice) => JSON.stringify(choice),
  );
}
