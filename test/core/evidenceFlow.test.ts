import { parseCardAction } from '../../src/core/cardActions';
import { renderCard } from '../../src/core/cards/render';
import { VERDICTS } from '../../src/core/content';
import { Proposal } from '../../src/core/evidence';
import { respond, TurnInput } from '../../src/core/flow/conversation';
import { FlowState } from '../../src/core/flowState';
import { View } from '../../src/core/views';
import { button, buttonsOf, CardButton, Json, textOf, titleOf } from '../../tools/cardReader';
import { HELD_OUT_PHRASINGS } from './evidence/heldOutPhrasings';
import { PHRASINGS } from './evidence/phrasings';

/** Text that is not a command, read for evidence by the pure flow and drawn as a card. */

const deps = { newWalkId: () => 'w2' };
const PASTED = "hxxps://contoso-login[.]example/verify blocked in an email, it's clean";
const say = (text: string, state?: FlowState) => respond(state, { kind: 'text', text }, deps);
const cardFor = (view: View): Json => renderCard(view) as unknown as Json;

/** What a click on the button leads to, as the bot would read the click's data, from the state given. */
function clickOn(clicked: CardButton, state?: FlowState): View {
  return clickFrom(clicked, state).view;
}

function clickFrom(clicked: CardButton, state?: FlowState): ReturnType<typeof respond> {
  const parsed = parseCardAction(clicked.data);
  if (!parsed.ok) throw new Error(parsed.problem);
  const input: TurnInput = { kind: 'action', action: parsed.action };
  return respond(state, input, deps);
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
  if (proposal.flow === 'undo') return { card: 'undoPermissions', walk: 'w2' };
  return proposal.verdict ? { card: 'reportAnswer', item: proposal.item, verdict: proposal.verdict } : { card: 'chooseVerdict', item: proposal.item };
}

const ANSWER_TITLE = 'URL in an email message: AIR wrongly detected it';

describe('text that is not a command', () => {
  it('proposes the path it believes in, saying what it found and why', () => {
    const { view } = say(PASTED);
    const card = cardFor(view);
    expect(titleOf(card)).toBe(ANSWER_TITLE);
    expect(textOf(card)).toContain('Because I found a URL, the word "email" and the word "clean".');
    expect(textOf(card)).toContain('URL: hxxps[://]contoso-login[.]example/verify');
    expect(buttonsOf(card).map((b) => [b.title, b.style])).toEqual([
      ['Yes, show me what to do', 'positive'],
      ['No, let me choose', 'default'],
    ]);
  });

  it('leads in one click to the Defender for Office 365 answer, which keeps what the message was about', () => {
    const { state, view } = say(`incident 2972395: ${PASTED}`);
    const answer = clickOn(button(cardFor(view), 'Yes, show me what to do'), state);
    expect(answer).toMatchObject({ card: 'reportAnswer', item: 'url-in-email', verdict: 'wrongly-detected' });
    const card = renderCard(answer) as unknown as Json;
    expect(titleOf(card)).toBe(`URL in an email message: ${VERDICTS['wrongly-detected'].label}`);
    expect(textOf(card)).toContain('Microsoft Defender for Office 365');
    const fromMessage = textOf(card).split('\n').slice(0, 3);
    expect(fromMessage).toEqual(['From your message', 'Incident: 2972395', 'URL: hxxps[://]contoso-login[.]example/verify']);
  });

  it('shows "From your message" only on an answer the bot itself offered for that message', () => {
    const { state } = say(PASTED);
    const offered = clickOn({ type: 'Action.Execute', title: 'x', data: { verb: 'report.verdict', item: 'url-in-email', verdict: 'wrongly-detected' } }, state);
    expect(offered).toHaveProperty('context');
    const other = clickOn({ type: 'Action.Execute', title: 'x', data: { verb: 'report.verdict', item: 'file-on-device', verdict: 'missed' } }, state);
    expect(other).not.toHaveProperty('context');
    expect(textOf(renderCard(other) as unknown as Json)).not.toContain('From your message');
    // A new message replaces the offer: an old card's answer no longer claims to be about it.
    const later = say('what is this?', state).state;
    expect(clickOn({ type: 'Action.Execute', title: 'x', data: { verb: 'report.verdict', item: 'url-in-email', verdict: 'wrongly-detected' } }, later)).not.toHaveProperty('context');
  });

  it('keeps the context through the verdict question, and for a double click', () => {
    const { state, view } = say('LAPTOP-42 quarantined invoice.docx, see https://security.microsoft.com/incidents/2972395?tid=x');
    expect(view).toMatchObject({ card: 'evidence', proposal: { flow: 'report', item: 'file-on-device' } });
    const question = clickFrom(button(cardFor(view), /^Yes|^Report/), state);
    expect(question.view).toEqual({ card: 'chooseVerdict', item: 'file-on-device' });
    const verdict = { type: 'Action.Execute', title: 'x', data: { verb: 'report.verdict', item: 'file-on-device', verdict: 'wrongly-detected' } };
    const first = clickFrom(verdict, question.state);
    const second = clickFrom(verdict, first.state);
    for (const answer of [first.view, second.view]) {
      expect(answer).toMatchObject({ context: { references: [{ kind: 'incident', id: '2972395' }] } });
      expect(textOf(renderCard(answer) as unknown as Json)).toContain('Device: LAPTOP-42');
    }
  });

  it('"No, let me choose" opens the question of the proposed flow', () => {
    expect(clickOn(button(cardFor(say(PASTED).view), 'No, let me choose'))).toEqual({ card: 'chooseItem' });
    const alert = cardFor(say('this alert keeps firing for legitimate use by our backup job').view);
    expect(clickOn(button(alert, 'No, let me choose'))).toEqual({ card: 'chooseScenario' });
    const undo = cardFor(say('undo the quarantine of invoice.docx on LAPTOP-42').view);
    expect(clickOn(button(undo, 'No, let me choose'))).toEqual({ card: 'menu', kind: 'help' });
  });

  it('proposes the undo walk-through first for an undo request', () => {
    const { view } = say('undo the quarantine of invoice.docx on LAPTOP-42');
    const card = cardFor(view);
    expect(titleOf(card)).toBe('Undo a remediation');
    expect(textOf(card)).toContain('Because I found the word "undo", a file name and a device name.');
    expect(clickOn(button(card, 'Yes, show me what to do'))).toEqual({ card: 'undoPermissions', walk: 'w2' });
  });

  it('offers the adjust scenarios for a tuning request, the likeliest as the main action, never an allow', () => {
    const card = cardFor(say('how do I stop this alert from coming back?').view);
    expect(titleOf(card)).toBe('Which of these is it?');
    expect(choicesOf(card).map((b) => [b.title, b.style])).toEqual([
      ['Tune: legitimate use', 'positive'],
      ['Tune: inaccurate alert', 'default'],
    ]);
    expect(textOf(card)).toContain('**Tune: legitimate use**: stop the alert recurring: An alert is triggered by legitimate use');
  });

  it('asks when unsure, likeliest first, each choice leading straight to its card', () => {
    const { view } = say('what about hxxps://fabrikam[.]example/x ?');
    expect(view).toMatchObject({ card: 'evidence', confidence: 'unsure' });
    const card = cardFor(view);
    expect(titleOf(card)).toBe('Which of these is it?');
    const titles = choicesOf(card).map((b) => b.title);
    // A URL alone says nothing about its verdict: no allow indicator among the choices.
    expect(titles).toEqual(['Report: URL in an email', 'Report: URL in an Office file']);
    expect(textOf(card)).toContain('**Report: URL in an Office file**: report to Microsoft: URL in an Office file');
    expect((card.actions as CardButton[]).map((b) => b.title)).toEqual(['No, let me choose']);
    expect(clickOn(button(card, titles[0]))).toEqual({ card: 'chooseVerdict', item: 'url-in-email' });
  });

  it('reads a link to the analyst\'s own incident as context, never as a URL to report', () => {
    const { view } = say('https://security.microsoft.com/incidents/2972395?tid=abc LAPTOP-42 quarantined invoice.docx, false positive');
    expect(view).toMatchObject({ card: 'evidence', references: [{ kind: 'incident', id: '2972395' }] });
    const text = textOf(cardFor(view));
    expect(text).toContain('Incident: 2972395');
    expect(text).not.toContain('URL:');
    expect(say('https://security.microsoft.com/incidents/2972395').view).toEqual({ card: 'menu', kind: 'help' });
  });

  it('falls back to the help card when it finds nothing', () => {
    expect(say('what is this?').view).toEqual({ card: 'menu', kind: 'help' });
    expect(say('x'.repeat(100_000)).view).toEqual({ card: 'menu', kind: 'help' });
  });

  it('keeps what is running, and says so', () => {
    const walk: FlowState = { flow: 'undo', walk: 'w1', step: 3 };
    const { state, view } = say(PASTED, walk);
    expect(state).toMatchObject(walk);
    expect(view).toMatchObject({ card: 'evidence', notice: 'You still have the undo walk-through (at step 3 of 7) open; its card still works.' });
  });
});

describe('every phrasing the recogniser knows', () => {
  const proposed = [...PHRASINGS, ...HELD_OUT_PHRASINGS].map((p) => ({ text: p.text, view: say(p.text).view })).filter(({ view }) => view.card === 'evidence');

  it('most of them lead to a proposal', () => {
    expect(proposed.length).toBeGreaterThan(200);
  });

  it.each(proposed)('$text: one click on the one main action takes the proposal; short titles, within six buttons', ({ view }) => {
    if (view.card !== 'evidence') throw new Error('filtered above');
    const card = cardFor(view);
    expect(buttonsOf(card).length).toBeLessThanOrEqual(6);
    expect(buttonsOf(card).filter((b) => b.title.length > 40)).toEqual([]);
    expect(buttonsOf(card).filter((b) => b.style === 'positive')).toEqual([proposalButton(card)]);
    expect(clickOn(proposalButton(card))).toMatchObject(destinationOf(view.proposal));
    expect(button(card, 'No, let me choose').data).toMatchObject({ verb: 'command', command: view.proposal.flow === 'undo' ? 'help' : view.proposal.flow });
  });

  it.each(proposed)('$text: nothing from the text is a link', ({ view }) => {
    const card = cardFor(view);
    const json = JSON.stringify(card);
    expect(json).not.toMatch(/[a-z][a-z0-9+.-]*:\/\//i);
    expect(buttonsOf(card).filter((b) => b.type === 'Action.OpenUrl')).toEqual([]);
  });
});
