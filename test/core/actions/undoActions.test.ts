import type { DirectActionDeps } from '../../../src/core/actions/turn/actionTurn';
import { parseActState } from '../../../src/core/actions/turn/actState';
import { buildRequests } from '../../../src/core/actions/requests/requests';
import type { ActionOrigin, DirectAction } from '../../../src/core/actions/model';
import { parseCardAction } from '../../../src/core/cardActions';
import { renderCard } from '../../../src/core/cards/render';
import { FlowDependencies, respond, TurnInput } from '../../../src/core/flow/conversation';
import type { FlowState } from '../../../src/core/flowState';
import { undoPermitted, type Judgement } from '../../../src/core/safety';
import type { View } from '../../../src/core/views';
import { button, buttonsOf, Json, textOf } from '../../../tools/cardReader';

/** Undo from Teams (issue 27) through the pure conversation: where it is offered, what it sends, and the safety rule. */

const ACTOR = { analyst: 'Alice Analyst', threadName: 'Incident 2972395', threadUrl: 'https://teams.microsoft.com/l/message/19%3Aabc/1' };
const ORIGIN: ActionOrigin = { ...ACTOR, now: Date.UTC(2026, 11, 7, 12) };
const DEVICE_ID = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
const MESSAGE_ID = '73ca4154-58d8-43d0-a890-08dc18c52e6d';
const APPROVERS = '7f3d9a1e-4b2c-4d8e-9f10-2a3b4c5d6e7f';

function depsFor(mode: DirectActionDeps['mode'], approversGroupId: string | undefined = APPROVERS): FlowDependencies {
  let keys = 0;
  return { newWalkId: () => 'w1', directActions: { mode, now: () => ORIGIN.now, newKey: () => `key-${++keys}`, ...(approversGroupId ? { approversGroupId } : {}) } };
}

interface Turn {
  readonly state: FlowState | undefined;
  readonly view: View;
  readonly card: Json;
  readonly send?: unknown;
}

const turn = (state: FlowState | undefined, input: TurnInput, deps: FlowDependencies): Turn => {
  const result = respond(state, input, deps);
  return { state: result.state, view: result.view, card: renderCard(result.view) as unknown as Json, send: result.send };
};
const clickOn = (on: Turn, title: string | RegExp, deps: FlowDependencies): Turn => {
  const parsed = parseCardAction(button(on.card, title).data);
  if (!parsed.ok) throw new Error(parsed.problem);
  return turn(on.state, { kind: 'action', action: parsed.action, actor: ACTOR }, deps);
};
/** Pasted text, then the proposal taken: the undo walk's first card. */
const undoCardFor = (text: string, deps: FlowDependencies): Turn => clickOn(turn(undefined, { kind: 'text', text }, deps), 'Yes, show me what to do', deps);
const titles = (on: Turn): string[] => buttonsOf(on.card).map((b) => b.title);

describe('where an undo from Teams is offered', () => {
  it.each<[string, string, string[]]>([
    ['a device by name, judged a false positive', 'AIR isolated FIN-LAPTOP-7 but it was a false positive', ['Release it from isolation from Teams', 'Lift the app restriction from Teams']],
    ['a device by id, asked to be released', `please release device id ${DEVICE_ID} from isolation`, ['Release it from isolation from Teams', 'Lift the app restriction from Teams']],
    ['an email by network message id and recipient', `network message id ${MESSAGE_ID} to jo@contoso.com was soft deleted by mistake, put the email back`, ['Move it back to the inbox from Teams']],
    ['an account by its SID', 'AIR disabled S-1-5-21-989687458-3461180213-172365591-281652 by mistake, re-enable it', ['Enable the account from Teams']],
  ])('%s: on the walk\'s first card', (_name, text, expected) => {
    expect(titles(undoCardFor(text, depsFor('on')))).toEqual(expect.arrayContaining(expected));
  });

  it.each<[string, string, FlowDependencies]>([
    ['a missed threat', 'AIR missed the malware on FIN-LAPTOP-7, it was not blocked, undo what it did', depsFor('on')],
    ['an email without an approvers group set up', `network message id ${MESSAGE_ID} to jo@contoso.com was soft deleted by mistake, put the email back`, depsFor('on', '')],
    ['a quarantined file (no public API undoes it)', 'restore invoice.docx, AIR quarantined it by mistake', depsFor('on')],
    ['anything, with DIRECT_ACTIONS off', 'AIR isolated FIN-LAPTOP-7 but it was a false positive', depsFor('off')],
  ])('%s: no undo button', (_name, text, deps) => {
    expect(titles(undoCardFor(text, deps)).filter((t) => t.endsWith('from Teams'))).toEqual([]);
  });

  it('where none has an API the first card says why the walk is the way; with DIRECT_ACTIONS off it says nothing new', () => {
    expect(textOf(undoCardFor('restore invoice.docx, AIR quarantined it by mistake', depsFor('on')).card)).toContain('no public API undoes a quarantined file');
    expect(textOf(undoCardFor('restore invoice.docx, AIR quarantined it by mistake', depsFor('off')).card)).not.toContain('no public API');
  });
});

describe('the safety rule for undos', () => {
  it.each<[Judgement, boolean]>([
    ['wrongly-detected', true],
    ['missed', false],
    [undefined, false],
  ])('judged %s: permitted %s', (judgement, permitted) => {
    expect(undoPermitted(judgement)).toBe(permitted);
  });

  it.each<DirectAction>([
    { kind: 'unisolate-device', device: { id: DEVICE_ID }, judgement: 'missed' },
    { kind: 'unrestrict-device', device: { id: DEVICE_ID }, judgement: undefined },
    { kind: 'restore-email', networkMessageId: MESSAGE_ID, recipient: 'jo[@]contoso[.]com', approversGroupId: APPROVERS, judgement: 'missed' },
  ])('a request built for %j is refused, whatever the state says', (action) => {
    expect(buildRequests(action, ORIGIN)).toEqual({ ok: false, refusal: expect.objectContaining({ reason: 'undo-not-permitted' }) });
  });
});

describe('the requests each undo sends', () => {
  it('release from isolation and lift the restriction: one machine action on the device, with a comment naming the analyst and the thread', () => {
    for (const [kind, path] of [['unisolate-device', 'unisolate'], ['unrestrict-device', 'unrestrictCodeExecution']] as const) {
      expect(buildRequests({ kind, device: { name: 'FIN-LAPTOP-7', id: DEVICE_ID }, judgement: 'wrongly-detected' }, ORIGIN)).toEqual({
        ok: true,
        requests: [
          {
            service: 'defender-machines',
            method: 'POST',
            path: `/api/machines/${DEVICE_ID}/${path}`,
            body: { Comment: expect.stringMatching(/^.+ from Microsoft Teams: AIR's action was a false positive, per Alice Analyst in the Microsoft Teams thread "Incident 2972395": https:\/\/teams\.microsoft\.com\//) },
          },
        ],
      });
    }
  });

  it('enable an account: invokeAction enable on the account found, in its identity provider', () => {
    const account = { identityId: '00104216-0539-4838-88b1-55baafdc296b', accountId: '256db173-930a-4991-9061-0d51a9a93ba5', provider: 'activeDirectory' as const, name: 'Jon @ corp' };
    expect(buildRequests({ kind: 'enable-account', sid: 'S-1-5-21-1-2-3-4', account, judgement: 'wrongly-detected' }, ORIGIN)).toEqual({
      ok: true,
      requests: [
        {
          service: 'graph-identities',
          method: 'POST',
          path: '/security/identities/identityAccounts/00104216-0539-4838-88b1-55baafdc296b/invokeAction',
          body: { accountId: '256db173-930a-4991-9061-0d51a9a93ba5', action: 'enable', identityProvider: 'activeDirectory' },
        },
      ],
    });
    expect(buildRequests({ kind: 'enable-account', sid: 'S-1-5-21-1-2-3-4', account, judgement: 'missed' }, ORIGIN)).toMatchObject({ ok: false });
  });

  it('move an email back: the approver check, then moveToInbox for that message and recipient, live', () => {
    const built = buildRequests({ kind: 'restore-email', networkMessageId: MESSAGE_ID, recipient: 'jo[@]contoso[.]com', approversGroupId: APPROVERS, judgement: 'wrongly-detected' }, ORIGIN);
    expect(built).toEqual({
      ok: true,
      requests: [
        { service: 'graph-v1', method: 'POST', path: '/me/checkMemberGroups', body: { groupIds: [APPROVERS] }, memberOf: APPROVERS },
        {
          service: 'graph-email',
          method: 'POST',
          path: '/security/collaboration/analyzedEmails/remediate',
          body: {
            displayName: 'Move back to the inbox (from Microsoft Teams)',
            description: expect.stringContaining('approved by Alice Analyst'),
            severity: 'low',
            action: 'moveToInbox',
            remediateSendersCopy: false,
            analyzedEmails: [{ networkMessageId: MESSAGE_ID, recipientEmailAddress: 'jo@contoso.com' }],
          },
        },
      ],
    });
  });

  it('a device known by name only is looked up before its confirmation; the lookup comes back with one device, then its confirmation shows name and id', () => {
    const deps = depsFor('on');
    const finding = clickOn(undoCardFor('AIR isolated FIN-LAPTOP-7 but it was a false positive', deps), 'Release it from isolation from Teams', deps);
    expect(textOf(finding.card)).toContain('which device has that name');
    expect(finding.send).toEqual([{ service: 'defender-machines', method: 'GET', path: `/api/machines?$filter=${encodeURIComponent("computerDnsName eq 'FIN-LAPTOP-7'")}`, body: {} }]);
    const pending = finding.state?.act?.pending;
    if (!pending) throw new Error('no pending lookup');
    // A restart between the lookup and its answer: the state comes back from storage as it was written.
    const restarted = { ...finding.state, act: parseActState(JSON.parse(JSON.stringify(finding.state?.act))) } as FlowState;
    const found = turn(restarted, { kind: 'sent', pending, outcome: { kind: 'found', devices: [{ id: DEVICE_ID, name: 'fin-laptop-7.contoso.com' }] } }, deps);
    expect(textOf(found.card)).toContain(DEVICE_ID);
    expect(textOf(found.card)).toContain('fin-laptop-7.contoso.com');
    expect(titles(found)).toEqual(['Confirm', 'Cancel']);
    const sending = clickOn(found, 'Confirm', deps);
    expect(sending.send).toEqual([expect.objectContaining({ method: 'POST', path: `/api/machines/${DEVICE_ID}/unisolate` })]);
  });
});
