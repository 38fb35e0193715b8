import type { DirectActionDeps } from '../../../src/core/actions/turn/actionTurn';
import type { ActionOutcome } from '../../../src/core/actions/confirmation/actionViews';
import { SEND_DEADLINE_MS } from '../../../src/core/actions/confirmation/confirmation';
import { parseActState } from '../../../src/core/actions/turn/actState';
import { recordCardData, recordView } from '../../../src/core/cards/recordCard';
import { parseEntries } from '../../../src/core/recordEntry';
import type { DirectActionMode } from '../../../src/core/actions/mode';
import { parseCardAction } from '../../../src/core/cardActions';
import { renderCard } from '../../../src/core/cards/render';
import { FlowDependencies, respond, TurnInput } from '../../../src/core/flow/conversation';
import { FlowState } from '../../../src/core/flowState';
import { View } from '../../../src/core/views';
import { button, buttonsOf, CardButton, Json, textOf } from '../../../tools/cardReader';

/** Direct actions through the pure conversation: from pasted evidence to a confirmation and its result, as the cards show them. */

const ACTOR = { analyst: 'Alice Analyst', threadName: 'Incident 2972395', threadUrl: 'https://teams.microsoft.com/l/message/19%3Aabc/1' };
const START = Date.UTC(2026, 11, 1, 12, 0, 0);

function depsFor(mode: DirectActionMode, clock = { now: START }): FlowDependencies {
  let keys = 0;
  const directActions: DirectActionDeps = { mode, now: () => clock.now, newKey: () => `key-${++keys}` };
  return { newWalkId: () => 'w1', directActions };
}

interface Turn {
  state: FlowState | undefined;
  view: View;
  card: Json;
  send?: unknown;
  finished?: unknown;
}

function say(text: string, deps: FlowDependencies, state?: FlowState): Turn {
  const result = respond(state, { kind: 'text', text }, deps);
  return { state: result.state, view: result.view, card: renderCard(result.view) as unknown as Json, send: result.send };
}

function click(clicked: CardButton, deps: FlowDependencies, state: FlowState | undefined): Turn {
  const parsed = parseCardAction(clicked.data);
  if (!parsed.ok) throw new Error(parsed.problem);
  const input: TurnInput = { kind: 'action', action: parsed.action, actor: ACTOR };
  const result = respond(state, input, deps);
  return { state: result.state, view: result.view, card: renderCard(result.view) as unknown as Json, send: result.send, finished: result.finished };
}

const PASTED = "hxxps://contoso-login[.]example/verify was blocked in an email, it's clean";

/** Pasted evidence, then the proposal taken: the report answer. */
function answerFor(text: string, deps: FlowDependencies): Turn {
  const evidence = say(text, deps);
  return click(button(evidence.card, 'Yes, show me what to do'), deps, evidence.state);
}

/** The pasted URL's answer, its confirmation, and that confirmation confirmed (being sent, with DIRECT_ACTIONS=on). */
function confirmedFor(deps: FlowDependencies): { answer: Turn; confirmation: Turn; sending: Turn } {
  const answer = answerFor(PASTED, deps);
  const confirmation = click(button(answer.card, 'Submit the URL from Teams'), deps, answer.state);
  return { answer, confirmation, sending: click(button(confirmation.card, 'Confirm'), deps, confirmation.state) };
}

describe('with DIRECT_ACTIONS off (the default)', () => {
  it('the answer card offers no action, exactly as without the feature', () => {
    const withOff = answerFor(PASTED, depsFor('off'));
    const without = answerFor(PASTED, { newWalkId: () => 'w1' });
    expect(withOff.card).toEqual(without.card);
    expect(withOff.state).toEqual(without.state);
    expect(buttonsOf(withOff.card).map((b) => b.title)).not.toContainEqual(expect.stringContaining('from Teams'));
  });

  it('a click that asks for an action anyway starts nothing', () => {
    const deps = depsFor('off');
    const answer = answerFor(PASTED, deps);
    const forged = click({ type: 'Action.Execute', title: 'x', data: { verb: 'act.start', kind: 'submit-url' } } as CardButton, deps, answer.state);
    expect(forged.send).toBeUndefined();
    expect(textOf(forged.card)).toContain('turned off');
    expect(forged.state).toEqual(answer.state);
  });
});

describe('with DIRECT_ACTIONS dry-run', () => {
  const deps = depsFor('dry-run');

  it('three clicks from pasted evidence: the answer, the confirmation showing the URL defanged, and "dry run: nothing was sent"', () => {
    const answer = answerFor(PASTED, deps); // click 1
    const confirmation = click(button(answer.card, 'Submit the URL from Teams'), deps, answer.state); // click 2
    const text = textOf(confirmation.card);
    expect(text).toContain('hxxps[://]contoso-login[.]example/verify');
    expect(text).toContain('Dry run: nothing will be sent');
    expect(text).toContain('Microsoft Graph (beta)');
    expect(text).toContain('Alice Analyst, with your own sign-in');
    expect(JSON.stringify(confirmation.card)).not.toContain('https://contoso-login.example');
    expect(buttonsOf(confirmation.card).filter((b) => b.style === 'positive').map((b) => b.title)).toEqual(['Confirm']);

    const result = click(button(confirmation.card, 'Confirm'), deps, confirmation.state); // click 3
    expect(result.send).toBeUndefined();
    expect(result.finished).toEqual({ kind: 'action', action: 'submit-url', item: 'hxxps[://]contoso-login[.]example/verify', result: { kind: 'dry-run' } });
    expect(click(button(confirmation.card, 'Confirm'), deps, result.state).finished).toBeUndefined();
    expect(textOf(result.card)).toMatch(/Dry run: nothing was sent/);
    expect(textOf(result.card)).toContain('POST /security/threatSubmission/urlThreats');
    expect(textOf(result.card)).toContain('notJunk');
    expect(textOf(result.card)).not.toMatch(/Bearer|token/i);
  });

  it('cancel sends nothing and a confirm after it sends nothing', () => {
    const answer = answerFor(PASTED, deps);
    const confirmation = click(button(answer.card, 'Submit the URL from Teams'), deps, answer.state);
    const cancelled = click(button(confirmation.card, 'Cancel'), deps, confirmation.state);
    expect(textOf(cancelled.card)).toContain('Cancelled: nothing was sent');
    expect(cancelled.finished).toBeUndefined();
    const late = click(button(confirmation.card, 'Confirm'), deps, cancelled.state);
    expect(late.send).toBeUndefined();
    expect(textOf(late.card)).toContain('Cancelled');
  });
});

describe('with DIRECT_ACTIONS on', () => {
  it('confirm sends the live request once; a double click sends nothing more', () => {
    const deps = depsFor('on');
    const answer = answerFor(PASTED, deps);
    const confirmation = click(button(answer.card, 'Submit the URL from Teams'), deps, answer.state);
    const first = click(button(confirmation.card, 'Confirm'), deps, confirmation.state);
    expect(first.send).toEqual([
      {
        service: 'graph-beta',
        method: 'POST',
        path: '/security/threatSubmission/urlThreats',
        body: { '@odata.type': '#microsoft.graph.security.urlThreatSubmission', category: 'notJunk', webUrl: 'https://contoso-login.example/verify' },
      },
    ]);
    const second = click(button(confirmation.card, 'Confirm'), deps, first.state);
    expect(second.send).toBeUndefined();
  });

  it('a confirmation clicked after 10 minutes sends nothing', () => {
    const clock = { now: START };
    const deps = depsFor('on', clock);
    const answer = answerFor(PASTED, deps);
    const confirmation = click(button(answer.card, 'Submit the URL from Teams'), deps, answer.state);
    clock.now += 10 * 60_000 + 1;
    const late = click(button(confirmation.card, 'Confirm'), deps, confirmation.state);
    expect(late.send).toBeUndefined();
    expect(textOf(late.card)).toContain('Expired: nothing was sent');
  });

  it('a missed URL asks what it is before the confirmation, and sends that category', () => {
    const deps = depsFor('on');
    const answer = answerFor('hxxps://contoso-login[.]example/verify got through in an email, AIR missed it', deps);
    const question = click(button(answer.card, 'Submit the URL from Teams'), deps, answer.state);
    const confirmation = click(button(question.card, 'Phishing'), deps, question.state);
    const sent = click(button(confirmation.card, 'Confirm'), deps, confirmation.state);
    expect(sent.send).toEqual([expect.objectContaining({ body: expect.objectContaining({ category: 'phishing' }) })]);
  });

  it('offers to classify the alert the analyst named, and resolves it as a false positive with a comment', () => {
    const deps = depsFor('on');
    const answer = answerFor(`alert https://security.microsoft.com/alerts/da637551227677560813_-961444813 flagged ${PASTED.slice(0, 38)} in an email, it's clean`, deps);
    const confirmation = click(button(answer.card, 'Classify the alert from Teams'), deps, answer.state);
    const sent = click(button(confirmation.card, 'Confirm'), deps, confirmation.state);
    expect(sent.send).toEqual([
      expect.objectContaining({ method: 'PATCH', path: '/security/alerts_v2/da637551227677560813_-961444813', body: { classification: 'falsePositive', determination: 'notMalicious', status: 'resolved' } }),
      expect.objectContaining({ method: 'POST', path: '/security/alerts_v2/da637551227677560813_-961444813/comments' }),
    ]);
  });
});

describe('submit an email message', () => {
  const MESSAGE_URL = 'https://graph.microsoft.com/v1.0/users/c52ce8db-3e4b-4181-93c4-7d6b6bffaf60/messages/AAMkADU3MWUx=';

  /** A click on the message card, with what the analyst typed in its inputs merged into the button's data, as clients do. */
  const typed = (card: Json, recipient: string, messageUrl: string): CardButton => {
    const continueButton = button(card, 'Continue');
    return { ...continueButton, data: { ...continueButton.data, recipient, messageUrl } } as CardButton;
  };

  it('a missed email: category, then the recipient (offered from the message) and the message URL, then the request', () => {
    const deps = depsFor('on');
    const answer = answerFor('phishing email from ceo[@]fabrikam[.]example to adele[@]contoso[.]com got through, AIR missed it', deps);
    expect(answer.view).toMatchObject({ card: 'reportAnswer', item: 'email-message', verdict: 'missed' });
    const question = click(button(answer.card, 'Submit the email from Teams'), deps, answer.state);
    const form = click(button(question.card, 'Phishing'), deps, question.state);
    expect(form.view).toMatchObject({ card: 'actionMessage', category: 'phishing', recipient: 'ceo[@]fabrikam[.]example' });
    const confirmation = click(typed(form.card, 'adele@contoso.com', MESSAGE_URL), deps, form.state);
    expect(textOf(confirmation.card)).toContain('adele[@]contoso[.]com');
    const sent = click(button(confirmation.card, 'Confirm'), deps, confirmation.state);
    expect(sent.send).toEqual([
      {
        service: 'graph-beta',
        method: 'POST',
        path: '/security/threatSubmission/emailThreats',
        body: { '@odata.type': '#microsoft.graph.security.emailUrlThreatSubmission', category: 'phishing', recipientEmailAddress: 'adele@contoso.com', messageUrl: MESSAGE_URL },
      },
    ]);
  });

  it.each([
    ['', MESSAGE_URL, "recipient's address"],
    ['adele@contoso.com', '', 'Graph URL'],
    ['<b>not an address</b>', MESSAGE_URL, 'does not look right'],
    ['adele@contoso.com', 'https://evil.example/messages/1', 'does not look right'],
  ])('a blank or wrong field (%j, %j) is answered in plain words and nothing is sent', (recipient, messageUrl, said) => {
    const deps = depsFor('on');
    const answer = answerFor('email to adele[@]contoso[.]com was quarantined but it is clean, false positive', deps);
    const form = click(button(answer.card, 'Submit the email from Teams'), deps, answer.state);
    const refused = click(typed(form.card, recipient, messageUrl), deps, form.state);
    expect(refused.view).toMatchObject({ card: 'actionResult', outcome: { kind: 'refused' } });
    expect(textOf(refused.card)).toContain(said);
    expect(textOf(refused.card)).not.toMatch(/<b>|adele@contoso\.com/);
    expect(refused.send).toBeUndefined();
  });
});

describe('the allow indicator and the safety rule', () => {
  const deps = depsFor('on');
  const HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

  it('is neither offered nor started when the bot has no Defender sign-in set up', () => {
    const withoutDefender: FlowDependencies = { ...deps, directActions: { ...deps.directActions!, notSetUp: ['allow-indicator'] } };
    const answer = answerFor("10.20.30.40 is blocked on endpoints as malicious, it's our update server, please allow", withoutDefender);
    expect(answer.view).toMatchObject({ card: 'adjustAnswer', scenario: 'malware-on-device' });
    expect(buttonsOf(answer.card).map((b) => b.title)).not.toContain('Add the allow indicator from Teams');
    const forged = click({ type: 'Action.Execute', title: 'x', data: { verb: 'act.start', kind: 'allow-indicator' } } as CardButton, withoutDefender, answer.state);
    expect(forged.send).toBeUndefined();
    expect(textOf(forged.card)).toContain('not set up for this bot');
  });

  it('is offered for an item wrongly treated as malware on a device, and sends action Allowed', () => {
    const answer = answerFor("10.20.30.40 is blocked on endpoints as malicious, it's our update server, please allow", deps);
    expect(answer.view).toMatchObject({ card: 'adjustAnswer', scenario: 'malware-on-device', actions: ['allow-indicator'] });
    const confirmation = click(button(answer.card, 'Add the allow indicator from Teams'), deps, answer.state);
    expect(textOf(confirmation.card)).toContain('10.20.30[.]40');
    const sent = click(button(confirmation.card, 'Confirm'), deps, confirmation.state);
    expect(sent.send).toEqual([
      expect.objectContaining({ service: 'defender', path: '/api/indicators', body: expect.objectContaining({ indicatorValue: '10.20.30.40', indicatorType: 'IpAddress', action: 'Allowed' }) }),
    ]);
  });

  it.each([
    `Defender missed ${HASH} on LAPTOP-42, it is malware`,
    `what about ${HASH} on LAPTOP-42?`,
  ])('is refused for a missed or unjudged item, even when a forged click asks for it: %s', (text) => {
    const evidence = say(text, deps);
    // Whatever the analyst takes from this message, then a forged "allow indicator" click.
    for (const choice of buttonsOf(evidence.card).filter((b) => b.data?.verb === 'report.verdict' || b.data?.verb === 'adjust.scenario' || b.data?.verb === 'report.item')) {
      const answer = click(choice, deps, evidence.state);
      expect(JSON.stringify(answer.view)).not.toContain('allow-indicator');
      const forged = click({ type: 'Action.Execute', title: 'x', data: { verb: 'act.start', kind: 'allow-indicator' } } as CardButton, deps, answer.state);
      expect(forged.send).toBeUndefined();
      expect(forged.view.card).not.toBe('actionConfirm');
    }
    const forgedScenario = click({ type: 'Action.Execute', title: 'x', data: { verb: 'adjust.scenario', scenario: 'malware-on-device' } } as CardButton, deps, evidence.state);
    const forgedAllow = click({ type: 'Action.Execute', title: 'x', data: { verb: 'act.start', kind: 'allow-indicator' } } as CardButton, deps, forgedScenario.state);
    expect(forgedAllow.send).toBeUndefined();
    expect(forgedAllow.view.card).not.toBe('actionConfirm');
  });
});

describe('the direct-action state in storage', () => {
  it('comes back as it was written, so a confirmation survives a restart', () => {
    const deps = depsFor('on');
    const answer = answerFor(PASTED, deps);
    const confirmation = click(button(answer.card, 'Submit the URL from Teams'), deps, answer.state);
    const stored = JSON.parse(JSON.stringify(confirmation.state?.act));
    expect(parseActState(stored)).toEqual(confirmation.state?.act);
  });

  it.each<[string, unknown]>([
    ['a key that is not one the bot makes', { key: '../x', dryRun: false, stage: 'awaiting' }],
    ['an unknown stage', { key: 'key-1', dryRun: false, stage: 'done' }],
    ['an action of an unknown kind', { key: 'key-1', dryRun: false, stage: 'awaiting', action: { kind: 'delete-everything' } }],
  ])('drops a confirmation that does not fit (%s): a confirm then sends nothing', (_name, pending) => {
    expect(parseActState({ pending })).toBeUndefined();
  });
});

describe("the thread's record", () => {
  it('keeps a dry run as an entry that names the action, the item (defanged) and that nothing was sent, through storage', () => {
    const deps = depsFor('dry-run');
    const answer = answerFor(PASTED, deps);
    const confirmation = click(button(answer.card, 'Submit the URL from Teams'), deps, answer.state);
    const { finished } = click(button(confirmation.card, 'Confirm'), deps, confirmation.state);
    const entry = { at: START, by: { id: '29:alice', name: 'Alice Analyst' }, finished };
    const [stored] = parseEntries(JSON.parse(JSON.stringify([entry])));
    expect(stored).toEqual(entry);
    expect(recordCardData(recordView('thread', [stored!], START)).entries[0]).toMatchObject({
      headline: 'From Teams: Submit the URL to Microsoft',
      verdict: 'Item: hxxps[://]contoso-login[.]example/verify',
      outcome: 'Dry run: nothing was sent',
    });
  });

  it.each<[string, ActionOutcome, string]>([
    ['done', { kind: 'done', returnedId: '49c5ef5b-1f65-444a-e6b9-08d772ea2059' }, 'Done; the service returned the id 49c5ef5b-1f65-444a-e6b9-08d772ea2059'],
    ['failed', { kind: 'failed', text: 'Microsoft Graph refused (403).' }, 'Not done: the service refused or failed (the result card said why); nothing changed'],
  ])('keeps a sent action that came back %s, once, through storage', (_name, outcome, line) => {
    const deps = depsFor('on');
    const answer = answerFor(PASTED, deps);
    const confirmation = click(button(answer.card, 'Submit the URL from Teams'), deps, answer.state);
    const sending = click(button(confirmation.card, 'Confirm'), deps, confirmation.state);
    expect(sending.finished).toBeUndefined();
    const pending = sending.state!.act!.pending!;
    const settled = respond(sending.state, { kind: 'sent', pending, outcome }, deps);
    const [stored] = parseEntries(JSON.parse(JSON.stringify([{ at: START, by: { id: '29:alice', name: 'Alice Analyst' }, finished: settled.finished }])));
    expect(recordCardData(recordView('thread', [stored!], START)).entries[0]).toMatchObject({ headline: 'From Teams: Submit the URL to Microsoft', outcome: line });
    // The same answer again (a late duplicate) records nothing more.
    expect(respond(settled.state, { kind: 'sent', pending, outcome }, deps).finished).toBeUndefined();
  });

  it('while a confirmed action is being sent, its answer opens no second confirmation; once it settled, it does again', () => {
    const deps = depsFor('on');
    const { answer, sending } = confirmedFor(deps);
    const second = click(button(answer.card, 'Submit the URL from Teams'), deps, sending.state);
    expect(textOf(second.card)).toContain('still being sent: wait for its result');
    expect(buttonsOf(second.card)).toEqual([]);
    expect(second.state).toEqual(sending.state);

    const settled = respond(sending.state, { kind: 'sent', pending: sending.state!.act!.pending!, outcome: { kind: 'done', returnedId: 'id-1' } }, deps);
    expect(settled.finished).toMatchObject({ kind: 'action', result: { kind: 'done', returnedId: 'id-1' } });
    const again = click(button(answer.card, 'Submit the URL from Teams'), deps, settled.state);
    expect(buttonsOf(again.card).map((b) => b.title)).toContain('Confirm');
  });

  it('a send that outlived its deadline while a new confirmation took its place is still shown and recorded when it comes back', () => {
    const clock = { now: START };
    const deps = depsFor('on', clock);
    const { answer, sending } = confirmedFor(deps);
    const sent = sending.state!.act!.pending!;
    clock.now += SEND_DEADLINE_MS + 1;
    const newer = click(button(answer.card, 'Submit the URL from Teams'), deps, sending.state);
    expect(newer.state?.act?.pending?.key).not.toBe(sent.key);

    const late = respond(newer.state, { kind: 'sent', pending: sent, outcome: { kind: 'done', returnedId: 'id-late' } }, deps);
    expect(textOf(renderCard(late.view) as unknown as Json)).toContain('returned the id id-late');
    expect(late.finished).toMatchObject({ kind: 'action', action: 'submit-url', result: { kind: 'done', returnedId: 'id-late' } });
    // The newer confirmation is left as it was.
    expect(late.state).toEqual(newer.state);
  });

  it('keeps a send cut off by a restart as "not known whether it was sent", when a click finds it', () => {
    const clock = { now: START };
    const deps = depsFor('on', clock);
    const answer = answerFor(PASTED, deps);
    const confirmation = click(button(answer.card, 'Submit the URL from Teams'), deps, answer.state);
    const sending = click(button(confirmation.card, 'Confirm'), deps, confirmation.state);
    clock.now += SEND_DEADLINE_MS + 1;
    const later = click(button(confirmation.card, 'Confirm'), deps, sending.state);
    expect(later.send).toBeUndefined();
    expect(later.finished).toMatchObject({ kind: 'action', result: { kind: 'interrupted' } });
  });
});
