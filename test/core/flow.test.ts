import { parseCardAction } from '../../src/core/cardActions';
import { parseCommand } from '../../src/core/commands';
import { respond, TurnInput } from '../../src/core/flow/conversation';
import { FlowState, Offer, parseFlowState } from '../../src/core/flowState';

/** The conversation as a pure function, with no adapter in sight. */

const deps = { newWalkId: () => 'w2' };
const click = (action: Extract<TurnInput, { kind: 'action' }>['action']): TurnInput => ({ kind: 'action', action });

const OFFER: Offer = {
  choices: [{ flow: 'report', item: 'file-on-device', verdict: 'wrongly-detected' }],
  context: { evidence: [{ kind: 'device', display: 'LAPTOP-42' }], references: [{ kind: 'incident', id: '2972395' }] },
};

describe('parseCommand', () => {
  it.each([
    ['report', 'report'],
    ['/UNDO', 'undo'],
    ['Adjust.', 'adjust'],
    ['start   over', 'cancel'],
    ['?', 'help'],
    ['report it', undefined],
    ['', undefined],
    ['undo'.padEnd(41, ' ') + 'x', undefined],
  ])('%j -> %s', (text, command) => {
    expect(parseCommand(text)).toBe(command);
  });
});

describe('respond', () => {
  const undoAt = (step: number, branch?: 'email' | 'device'): FlowState => ({ flow: 'undo', walk: 'w1', step, ...(branch ? { branch } : {}) });

  it.each<[string, FlowState | undefined, TurnInput, FlowState | undefined, object]>([
    ['undo starts at the permissions card', undefined, { kind: 'text', text: 'undo' }, { flow: 'undo', walk: 'w2', step: 0 }, { card: 'undoPermissions', walk: 'w2' }],
    ['next from permissions goes to step 1', undoAt(0), click({ verb: 'undo.next', walk: 'w1', step: 0 }), undoAt(1), { card: 'undoStep', step: 1 }],
    ['back from permissions stays', undoAt(0), click({ verb: 'undo.back', walk: 'w1', step: 0 }), undoAt(0), { card: 'undoPermissions' }],
    ['next at step 4 without a branch asks for it', undoAt(4), click({ verb: 'undo.next', walk: 'w1', step: 4 }), undoAt(4), { card: 'undoStep', step: 4, notice: expect.stringContaining('email content or a device') }],
    ['a branch outside step 4 is refused', undoAt(5, 'email'), click({ verb: 'undo.branch', walk: 'w1', step: 5, branch: 'device' }), undoAt(5, 'email'), { notice: 'That choice belongs to step 4.' }],
    ['step 7 next finishes with the branch', undoAt(7, 'device'), click({ verb: 'undo.next', walk: 'w1', step: 7 }), undefined, { card: 'undoDone', branch: 'device' }],
    ['a verdict click answers even without an open question', undefined, click({ verb: 'report.verdict', item: 'file-on-device', verdict: 'missed' }), undefined, { card: 'reportAnswer', item: 'file-on-device' }],
    ['cancel with nothing open', undefined, { kind: 'text', text: 'cancel' }, undefined, { card: 'menu', kind: 'cancelled' }],
    ['cancel a report', { flow: 'report', item: 'email-message' }, { kind: 'text', text: 'cancel' }, undefined, { stopped: 'a report question' }],
    ['cancel an adjust', { flow: 'adjust' }, click({ verb: 'command', command: 'cancel' }), undefined, { stopped: 'an alert-adjustment question' }],
    ['help keeps a walk', undoAt(2), { kind: 'text', text: 'help' }, undoAt(2), { card: 'menu', kind: 'help' }],
    ['unknown text keeps a walk', undoAt(2), { kind: 'text', text: 'hmm' }, undoAt(2), { card: 'menu', kind: 'help' }],
    ['"stop" alone is still the cancel command', undoAt(2), { kind: 'text', text: 'stop' }, undefined, { card: 'menu', kind: 'cancelled' }],
    ['"stop this alert" is a tuning request, and the walk goes on', undoAt(2), { kind: 'text', text: 'stop this alert' }, { ...undoAt(2) }, { card: 'evidence', proposal: { flow: 'adjust', scenario: 'legitimate-use' } }],
    ['a proposal keeps its context server-side', undefined, { kind: 'text', text: 'LAPTOP-42 quarantined invoice.docx, false positive' }, { flow: 'idle', offer: expect.objectContaining({ context: expect.objectContaining({ references: [] }) }) }, { card: 'evidence' }],
    ['cancel drops the offer too', { flow: 'idle', offer: OFFER }, click({ verb: 'command', command: 'cancel' }), undefined, { card: 'menu', kind: 'cancelled' }],
  ])('%s', (_name, state, input, nextState, view) => {
    const result = respond(state, input, deps);
    expect(result.state).toEqual(nextState);
    expect(result.view).toMatchObject(view);
  });
});

describe('parseCardAction', () => {
  it('accepts every well-formed action; the analyst a card was posted for, and an owner stamp from an earlier version, are accepted and dropped', () => {
    expect(parseCardAction({ verb: 'undo.branch', walk: 'w1', step: 4, branch: 'email' })).toEqual({
      ok: true,
      action: { verb: 'undo.branch', walk: 'w1', step: 4, branch: 'email' },
    });
    expect(parseCardAction({ verb: 'command', command: 'undo', owner: '29:a', ownerName: 'A' })).toEqual({
      ok: true,
      action: { verb: 'command', command: 'undo' },
    });
    expect(parseCardAction({ verb: 'command', command: 'undo', postedFor: '29:a' })).toEqual({ ok: true, action: { verb: 'command', command: 'undo' } });
  });

  it.each([
    [{ verb: '__proto__' }, 'do not know'],
    [{ verb: 'undo.next', walk: 'w1', step: -1 }, '"step" is not valid'],
    [{ verb: 'undo.next', walk: '<script>', step: 1 }, '"walk" is not valid'],
    [{ verb: 'adjust.scenario', scenario: 'legitimate-use', owner: 'x'.repeat(201), ownerName: 'A' }, '"owner" is not valid'],
    [{ verb: 'command', command: 'undo', postedFor: 'x'.repeat(201) }, '"postedFor" is not valid'],
    [{ verb: 'command', command: 'undo', postedFor: 42 }, '"postedFor" is not valid'],
  ])('refuses %j', (data, problem) => {
    const parsed = parseCardAction(data);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problem).toContain(problem);
  });
});

describe('parseFlowState', () => {
  it.each([
    [undefined, { ok: true, state: undefined }],
    [{ flow: 'undo', walk: 'w', step: 3, branch: 'email' }, { ok: true, state: { flow: 'undo', walk: 'w', step: 3, branch: 'email' } }],
    [{ flow: 'undo', walk: 'w', step: 12 }, { ok: false }],
    [{ flow: 'undo', walk: 'w', step: 3, branch: 'printer' }, { ok: false }],
    [{ flow: 'report', item: 'fax' }, { ok: false }],
    [{ flow: 'wizard' }, { ok: false }],
    ['undo', { ok: false }],
    [{ flow: 'idle', offer: OFFER }, { ok: true, state: { flow: 'idle', offer: OFFER } }],
    [{ flow: 'undo', walk: 'w', step: 1, offer: OFFER }, { ok: true, state: { flow: 'undo', walk: 'w', step: 1, offer: OFFER } }],
    // An offer that does not fit is dropped; only the context it would have added is lost.
    [{ flow: 'adjust', offer: { ...OFFER, choices: [{ flow: 'wizard' }] } }, { ok: true, state: { flow: 'adjust' } }],
    [{ flow: 'idle', offer: { ...OFFER, context: { evidence: [{ kind: 'url', display: 'x'.repeat(500) }], references: [] } } }, { ok: true, state: undefined }],
    [{ flow: 'idle', offer: { ...OFFER, context: { evidence: [], references: [{ kind: 'incident', id: '<b>' }] } } }, { ok: true, state: undefined }],
  ])('%j', (stored, expected) => {
    expect(parseFlowState(stored)).toEqual(expected);
  });

  it('keeps only the checked fields of a stored offer', () => {
    const stored = { flow: 'idle', offer: { choices: [{ flow: 'undo', extra: 1 }], context: { evidence: [{ kind: 'file', display: 'a.exe', url: 'x' }], references: [] }, more: true } };
    expect(parseFlowState(stored)).toEqual({ ok: true, state: { flow: 'idle', offer: { choices: [{ flow: 'undo' }], context: { evidence: [{ kind: 'file', display: 'a.exe' }], references: [] } } } });
  });
});
