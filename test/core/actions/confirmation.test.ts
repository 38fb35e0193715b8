import { cancel, CONFIRMATION_TTL_MS, confirm, propose, SEND_DEADLINE_MS, settleSent } from '../../../src/core/actions/confirmation/confirmation';
import { ActionOrigin, DirectAction } from '../../../src/core/actions/model';

/** The confirmation: what the analyst sees before anything is sent, and what each click may do. */

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const ORIGIN: ActionOrigin = { threadName: 'Incident 2972395', threadUrl: 'https://teams.microsoft.com/l/message/19%3Aabc/1', analyst: 'Adele Vance', now: NOW };
const SUBMIT: DirectAction = { kind: 'submit-url', url: { kind: 'url', display: 'hxxps://contoso-login[.]example/verify' }, verdict: 'wrongly-detected' };

describe('the confirmation card', () => {
  const { view, pending } = propose(SUBMIT, ORIGIN, 'key-1', false);

  it('names the service, the analyst and the item, defanged, and shows the request with the item defanged', () => {
    expect(view).toMatchObject({
      card: 'actionConfirm',
      key: 'key-1',
      dryRun: false,
      service: expect.stringContaining('Microsoft Graph (beta)'),
      analyst: 'Adele Vance',
      item: 'hxxps[://]contoso-login[.]example/verify',
    });
    expect(view.card === 'actionConfirm' && view.requests).toEqual([
      { method: 'POST', path: '/security/threatSubmission/urlThreats', body: expect.stringContaining('"webUrl": "hxxps[://]contoso-login[.]example/verify"') },
    ]);
    expect(JSON.stringify(view)).not.toContain('https://contoso-login.example');
    expect(pending?.stage).toBe('awaiting');
  });

  it('is not offered when the request may not be made: the allow indicator for a missed item', () => {
    const refused = propose({ kind: 'allow-indicator', evidence: { kind: 'domain', display: 'contoso[.]example' }, judgement: 'missed' }, ORIGIN, 'key-2', false);
    expect(refused.pending).toBeUndefined();
    expect(refused.view).toMatchObject({ card: 'actionResult', outcome: { kind: 'refused', text: expect.stringContaining('only for something wrongly detected') } });
  });
});

describe('confirm', () => {
  const { pending } = propose(SUBMIT, ORIGIN, 'key-1', false);

  it('sends the live request once, and a second click or re-delivery sends nothing', () => {
    const first = confirm(pending, 'key-1', NOW + 1000);
    expect(first.send).toEqual([
      { service: 'graph-beta', method: 'POST', path: '/security/threatSubmission/urlThreats', body: expect.objectContaining({ webUrl: 'https://contoso-login.example/verify' }) },
    ]);
    const again = confirm(first.pending, 'key-1', NOW + 1500);
    expect(again.send).toBeUndefined();
    expect(again.view).toMatchObject({ card: 'actionResult', outcome: { kind: 'sending' } });

    const settled = settleSent(first.pending, 'key-1', { kind: 'done', returnedId: '49c5ef5b-1f65-444a-e6b9-08d772ea2059', link: 'https://security.microsoft.com/reportsubmission?viewid=url' });
    const redelivered = confirm(settled.pending, 'key-1', NOW + 60_000);
    expect(redelivered.send).toBeUndefined();
    expect(redelivered.view).toEqual(settled.view);
    expect(redelivered.view).toMatchObject({ outcome: { kind: 'done', returnedId: '49c5ef5b-1f65-444a-e6b9-08d772ea2059' } });
  });

  it('expires after 10 minutes: nothing is sent', () => {
    const late = confirm(pending, 'key-1', NOW + CONFIRMATION_TTL_MS + 1);
    expect(late.send).toBeUndefined();
    expect(late.view).toMatchObject({ outcome: { kind: 'expired' } });
    expect(confirm(late.pending, 'key-1', NOW + CONFIRMATION_TTL_MS + 2).send).toBeUndefined();
    expect(confirm(pending, 'key-1', NOW + CONFIRMATION_TTL_MS).send).toBeDefined();
  });

  it('in a dry run sends nothing and shows the request that would have gone out', () => {
    const dry = confirm(propose(SUBMIT, ORIGIN, 'key-3', true).pending, 'key-3', NOW + 1000);
    expect(dry.send).toBeUndefined();
    expect(dry.view).toMatchObject({
      card: 'actionResult',
      outcome: { kind: 'dry-run' },
      requests: [{ method: 'POST', path: '/security/threatSubmission/urlThreats', body: expect.stringContaining('"category": "notJunk"') }],
    });
  });

  it('answers a confirmation the analyst no longer has, and changes nothing', () => {
    const other = confirm(pending, 'key-old', NOW + 1000);
    expect(other).toEqual({ pending, view: { card: 'actionResult', outcome: { kind: 'unknown' } } });
    expect(confirm(undefined, 'key-1', NOW).send).toBeUndefined();
  });
});

describe('cancel', () => {
  const { pending } = propose(SUBMIT, ORIGIN, 'key-1', false);

  it('sends nothing, and a later confirm of the same card sends nothing either', () => {
    const cancelled = cancel(pending, 'key-1', NOW + 500);
    expect(cancelled.view).toMatchObject({ outcome: { kind: 'cancelled' } });
    expect(confirm(cancelled.pending, 'key-1', NOW + 1000).send).toBeUndefined();
  });

  it('is too late once sending has started', () => {
    const sending = confirm(pending, 'key-1', NOW + 1000);
    expect(cancel(sending.pending, 'key-1', NOW + 2000)).toMatchObject({ pending: { stage: 'sending' }, view: { outcome: { kind: 'sending' } } });
  });
});

describe('a send cut off by a restart', () => {
  const { pending } = propose(SUBMIT, ORIGIN, 'key-1', false);
  const sending = confirm(pending, 'key-1', NOW + 1000).pending;

  it('shows "being sent" while the send may still be running, and sends nothing again', () => {
    const click = confirm(sending, 'key-1', NOW + 1000 + SEND_DEADLINE_MS);
    expect(click.send).toBeUndefined();
    expect(click.view).toMatchObject({ outcome: { kind: 'sending' } });
  });

  it('is settled as not known once past the deadline, so the card stops saying "being sent" and nothing is sent again', () => {
    const click = confirm(sending, 'key-1', NOW + 1001 + SEND_DEADLINE_MS);
    expect(click.send).toBeUndefined();
    expect(click.pending).toMatchObject({ stage: 'settled', outcome: { kind: 'interrupted' } });
    expect(click.view).toMatchObject({ outcome: { kind: 'interrupted' } });
    expect(cancel(sending, 'key-1', NOW + 1001 + SEND_DEADLINE_MS).pending).toMatchObject({ outcome: { kind: 'interrupted' } });
  });

  it('a late answer from the service no longer changes a confirmation settled meanwhile', () => {
    const interrupted = confirm(sending, 'key-1', NOW + 1001 + SEND_DEADLINE_MS).pending;
    const late = settleSent(interrupted, 'key-1', { kind: 'done', returnedId: 'late-id' });
    expect(late.pending).toBe(interrupted);
    expect(settleSent(sending, 'other-key', { kind: 'done', returnedId: 'x' }).view).toMatchObject({ outcome: { kind: 'unknown' } });
  });
});
