import { parseCardAction } from '../../src/core/cardActions';
import { renderCard } from '../../src/core/cards/render';
import { ITEMS, SCENARIOS, VERDICTS } from '../../src/core/content';
import { Proposal } from '../../src/core/evidence';
import { respond, TurnInput } from '../../src/core/flow/conversation';
import { FlowState } from '../../src/core/flowState';
import { View } from '../../src/core/views';
import { button, buttonsOf, CardButton, Json, textOf, titleOf } from '../support/cardReader';
import { PHRASINGS } from './evidence/phrasings';

/** Text that is not a command, read for evidence by the pure flow and drawn as a card. */

const deps = { newWalkId: () => 'w2' };
const OWNER = { id: '29:alice', name: 'Alice Analyst' };
const PASTED = "hxxps://contoso-login[.]example/verify blocked in an email, it's clean";
const say = (text: string, state?: FlowState) => respond(state, { kind: 'text', text }, deps);
const cardFor = (view: View): Json => renderCard(view, OWNER) as unknown as Json;

/** What a click on the button leads to, as the bot would read the click's data. */
function clickOn(clicked: CardButton): View {
  const parsed = parseCardAction(clicked.data);
  if (!parsed.ok) throw new Error(parsed.problem);
  const input: TurnInput = { kind: 'action', action: parsed.action };
  return respond(undefined, input, deps).view;
}

/** The choices in the card's body, top to bottom (the "No" button sits below them). */
const choicesOf = (card: Json): CardButton[] =>
  (card.body as Json[]).filter((b) => b.type === 'ActionSet').flatMap((b) => b.actions as CardButton[]);

/** The button that takes the proposal: "Yes" when sure, the first choice when not. */
const proposalButton = (card: Json): CardButton =>
  buttonsOf(card).find((b) => b.title === 'Yes, show me what to do') ?? choicesOf(card)[0];

/** The card a proposal leads to, in the terms of the view. */
function destinationOf(proposal: Proposal): object {
  if (proposal.flow === 'adjust') return { card: 'adjustAnswer', scenario: proposal.scenario };
  return proposal.verdict ? { card: 'reportAnswer', item: proposal.item, verdict: proposal.verdict } : { card: 'chooseVerdict', item: proposal.item };
}

describe('text that is not a command', () => {
  it('proposes the path it believes in, saying what it found and why', () => {
    const { state, view } = say(PASTED);
    expect(state).toBeUndefined();
    const card = cardFor(view);
    expect(titleOf(card)).toBe('URL in an email message: AIR wrongly detected it (false positive)');
    expect(textOf(card)).toContain('Because I found a URL, the word "email" and the word "clean".');
    expect(textOf(card)).toContain('URL: hxxps[://]contoso-login[.]example/verify');
    expect(buttonsOf(card).map((b) => b.title)).toEqual(['Yes, show me what to do', 'No, let me choose']);
  });

  it('leads in one click to the Defender for Office 365 answer for a URL in an email, wrongly detected', () => {
    const answer = clickOn(button(cardFor(say(PASTED).view), 'Yes, show me what to do'));
    expect(answer).toEqual({ card: 'reportAnswer', item: 'url-in-email', verdict: 'wrongly-detected' });
    const text = textOf(renderCard(answer) as unknown as Json);
    expect(text).toContain('Office 365 Advanced Threat Protection (today: Microsoft Defender for Office 365)');
    expect(text).toContain(`Verdict: ${VERDICTS['wrongly-detected'].label}`);
  });

  it('"No, let me choose" opens the question of the proposed flow', () => {
    expect(clickOn(button(cardFor(say(PASTED).view), 'No, let me choose'))).toEqual({ card: 'chooseItem' });
    const alert = cardFor(say('this alert keeps firing for legitimate use by our backup job').view);
    expect(clickOn(button(alert, 'No, let me choose'))).toEqual({ card: 'chooseScenario' });
  });

  it('asks when unsure, likeliest first, each choice leading straight to its card', () => {
    const { view } = say('what about hxxps://fabrikam[.]example/x ?');
    expect(view).toMatchObject({ card: 'evidence', confidence: 'unsure' });
    const card = cardFor(view);
    expect(titleOf(card)).toBe('Which of these is it?');
    const titles = choicesOf(card).map((b) => b.title);
    expect(titles).toEqual([
      `Report: ${ITEMS['url-in-email'].label}`,
      `Report: ${ITEMS['url-in-office-file'].label}`,
      `Adjust the alert: ${SCENARIOS['malware-on-device'].label}`,
    ]);
    expect((card.actions as CardButton[]).map((b) => b.title)).toEqual(['No, let me choose']);
    expect(clickOn(button(card, titles[0]))).toEqual({ card: 'chooseVerdict', item: 'url-in-email' });
    expect(clickOn(button(card, titles[2]))).toEqual({ card: 'adjustAnswer', scenario: 'malware-on-device' });
  });

  it('falls back to the help card when it finds nothing', () => {
    expect(say('what is this?').view).toEqual({ card: 'menu', kind: 'help' });
    expect(say('x'.repeat(100_000)).view).toEqual({ card: 'menu', kind: 'help' });
  });

  it('keeps what is running, and says so', () => {
    const walk: FlowState = { flow: 'undo', walk: 'w1', step: 3 };
    const { state, view } = say(PASTED, walk);
    expect(state).toEqual(walk);
    expect(view).toMatchObject({ card: 'evidence', notice: 'You still have the undo walk-through (at step 3 of 7) open; its card still works.' });
  });

  it('stamps the buttons with the analyst who sent the text: the card is theirs', () => {
    for (const b of buttonsOf(cardFor(say(PASTED).view))) expect(b.data).toMatchObject({ owner: OWNER.id, ownerName: OWNER.name });
  });
});

describe('every phrasing the recogniser knows', () => {
  const proposed = PHRASINGS.map((p) => ({ text: p.text, view: say(p.text).view })).filter(({ view }) => view.card === 'evidence');

  it('most of them lead to a proposal', () => {
    expect(proposed.length).toBeGreaterThan(80);
  });

  it.each(proposed)('$text: one click takes the proposal, within six buttons', ({ view }) => {
    if (view.card !== 'evidence') throw new Error('filtered above');
    const card = cardFor(view);
    expect(buttonsOf(card).length).toBeLessThanOrEqual(6);
    expect(clickOn(proposalButton(card))).toEqual(destinationOf(view.proposal));
    expect(button(card, 'No, let me choose').data).toMatchObject({ verb: 'command', command: view.proposal.flow });
  });

  it.each(proposed)('$text: nothing from the text is a link', ({ view }) => {
    const card = cardFor(view);
    const json = JSON.stringify(card);
    expect(json).not.toMatch(/[a-z][a-z0-9+.-]*:\/\//i);
    expect(buttonsOf(card).filter((b) => b.type === 'Action.OpenUrl')).toEqual([]);
  });
});
