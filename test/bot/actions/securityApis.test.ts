import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { buildRequests } from '../../../src/core/actions/requests/requests';
import { ActionOrigin, DirectAction } from '../../../src/core/actions/model';
import { sendRequests } from '../../../src/bot/actions/securityApis';
import { FakeSecurityApis, startFakeSecurityApis } from '../../support/fakeSecurityApis';

/** The calls a confirmed action makes, against a local Graph and Defender API that check every request's shape. */

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOi.analyst-delegated-token';
const ORIGIN: ActionOrigin = { threadName: 'Incident 2972395', threadUrl: 'https://teams.microsoft.com/l/message/19%3Aabc/1', analyst: 'Alice Analyst', now: Date.UTC(2026, 11, 1, 12) };
const SUBMIT_URL: DirectAction = { kind: 'submit-url', url: { kind: 'url', display: 'hxxps://contoso-login[.]example/verify' }, verdict: 'wrongly-detected' };
const SUBMIT_EMAIL: DirectAction = { kind: 'submit-email', verdict: 'missed', category: 'phishing', recipient: 'adele[@]contoso[.]com', messageUrl: 'https://graph.microsoft.com/v1.0/users/c52ce8db/messages/AAMkADU3=' };
const CLASSIFY: DirectAction = { kind: 'classify-alert', alertId: 'da637551227677560813_-961444813', verdict: 'wrongly-detected' };
const ALLOW: DirectAction = { kind: 'allow-indicator', evidence: { kind: 'sha256', display: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }, judgement: 'wrongly-detected' };

let apis: FakeSecurityApis;
const NO_WAIT = { sleep: async () => undefined, timeoutMs: 300 };

beforeAll(async () => {
  apis = await startFakeSecurityApis();
});
afterAll(async () => {
  await apis.close();
});
beforeEach(() => {
  apis.calls.length = 0;
  apis.problems.length = 0;
});

function send(action: DirectAction) {
  const built = buildRequests(action, ORIGIN);
  if (!built.ok) throw new Error(built.refusal.text);
  return sendRequests(action.kind, built.requests, { analyst: TOKEN }, { graphBaseUrl: apis.baseUrl, defenderBaseUrl: apis.baseUrl }, NO_WAIT);
}

describe('each action, answered by the service', () => {
  it.each<[DirectAction, string[], RegExp | string, string]>([
    [SUBMIT_URL, ['POST /beta/security/threatSubmission/urlThreats'], /^[0-9a-f-]{36}$/, 'https://security.microsoft.com/reportsubmission?viewid=url'],
    [SUBMIT_EMAIL, ['POST /beta/security/threatSubmission/emailThreats'], /^[0-9a-f-]{36}$/, 'https://security.microsoft.com/reportsubmission?viewid=email'],
    [
      CLASSIFY,
      ['PATCH /v1.0/security/alerts_v2/da637551227677560813_-961444813', 'POST /v1.0/security/alerts_v2/da637551227677560813_-961444813/comments'],
      'da637551227677560813_-961444813',
      'https://security.microsoft.com/alerts/da637551227677560813_-961444813',
    ],
    [ALLOW, ['POST /api/indicators'], '995', 'https://security.microsoft.com/securitysettings/endpoints/custom_ti_indicators'],
  ])('%j: one request each, in the documented shape, as the analyst; the result names the id and links to it', async (action, sent, id, link) => {
    const outcome = await send(action);
    expect(apis.problems).toEqual([]);
    expect(apis.calls.map((c) => `${c.method} ${c.path}`)).toEqual(sent);
    expect(apis.calls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(outcome).toEqual({ kind: 'done', returnedId: expect.stringMatching(id), link });
  });

  it('sends the URL live, refanged, only in the request', async () => {
    await send(SUBMIT_URL);
    expect(apis.calls[0]?.body).toEqual({ '@odata.type': '#microsoft.graph.security.urlThreatSubmission', category: 'notJunk', webUrl: 'https://contoso-login.example/verify' });
  });
});

describe('errors in plain words, nothing recorded as done', () => {
  it.each<[number, RegExp]>([
    [400, /did not accept the request \(400\)/],
    [401, /did not accept your sign-in \(401\).*ThreatSubmission\.ReadWrite/],
    [403, /refused \(403\): you need the permission ThreatSubmission\.ReadWrite .* and the role Security Administrator/],
    [404, /found nothing for the URL submission \(404\)/],
  ])('%d', async (status, text) => {
    apis.script({ status });
    expect(await send(SUBMIT_URL)).toEqual({ kind: 'failed', text: expect.stringMatching(text) });
    expect(apis.calls).toHaveLength(1);
  });

  it('403 from Defender names its permission', async () => {
    apis.script({ status: 403 });
    expect(await send(ALLOW)).toEqual({ kind: 'failed', text: expect.stringContaining('Ti.ReadWrite') });
  });

  it('429: tried again after Retry-After, and done', async () => {
    apis.script({ status: 429, retryAfter: '1' });
    expect(await send(ALLOW)).toMatchObject({ kind: 'done', returnedId: '995' });
    expect(apis.calls).toHaveLength(2);
  });

  it('429 asking for longer than the analyst can wait: "try again in N minutes"', async () => {
    apis.script({ status: 429, retryAfter: '150' });
    expect(await send(SUBMIT_URL)).toEqual({ kind: 'failed', text: expect.stringContaining('try again in 3 minutes') });
    expect(apis.calls).toHaveLength(1);
  });

  it('500: retried with backoff, then a clear failure after 3 tries', async () => {
    apis.script({ status: 500 }, { status: 500 }, { status: 500 });
    expect(await send(ALLOW)).toEqual({ kind: 'failed', text: expect.stringContaining('failed (500) each time') });
    expect(apis.calls).toHaveLength(3);
  });

  it('500 once, then done', async () => {
    apis.script({ status: 503 });
    expect(await send(SUBMIT_URL)).toMatchObject({ kind: 'done' });
    expect(apis.calls).toHaveLength(2);
  });

  it('a service that hangs: each call times out, then "did not answer"', async () => {
    apis.script('hang', 'hang', 'hang');
    expect(await send(SUBMIT_URL)).toEqual({ kind: 'failed', text: expect.stringContaining('did not answer after 3 tries') });
  });

  it('the alert classified but its comment refused: says what was done and what was not', async () => {
    apis.script('ok', { status: 403 });
    expect(await send(CLASSIFY)).toEqual({ kind: 'failed', text: expect.stringMatching(/^The first step was done \(id da637551227677560813_-961444813\), the next was not\. .*403/) });
  });
});

describe('the email undo: the approver check, then the bot as itself', () => {
  const APPROVERS = '7f3d9a1e-4b2c-4d8e-9f10-2a3b4c5d6e7f';
  const RESTORE: DirectAction = { kind: 'restore-email', networkMessageId: '73ca4154-58d8-43d0-a890-08dc18c52e6d', recipient: 'jo[@]contoso[.]com', approversGroupId: APPROVERS, judgement: 'wrongly-detected' };
  const restore = (app: () => Promise<string | undefined>) => {
    const built = buildRequests(RESTORE, ORIGIN);
    if (!built.ok) throw new Error(built.refusal.text);
    return sendRequests('restore-email', built.requests, { analyst: TOKEN, app }, { graphBaseUrl: apis.baseUrl, defenderBaseUrl: apis.baseUrl }, NO_WAIT);
  };

  it("a member: remediate goes with the bot's own token, and the result is its Location", async () => {
    apis.memberships.set(TOKEN, [APPROVERS]);
    const outcome = await restore(async () => 'bot-app-token');
    expect(apis.calls.map((c) => c.authorization)).toEqual([`Bearer ${TOKEN}`, 'Bearer bot-app-token']);
    expect(outcome).toEqual({ kind: 'done', returnedId: expect.stringMatching(/^https:\/\/security\.microsoft\.com\/action-center\/history\?filters=/), link: expect.stringMatching(/^https:\/\/security\.microsoft\.com\/action-center\//) });
    apis.memberships.clear();
  });

  it('not a member: denied, and remediate is never called', async () => {
    expect(await restore(async () => 'bot-app-token')).toEqual({ kind: 'denied', text: expect.stringContaining('not a member of the approvers group') });
    expect(apis.calls.map((c) => c.path)).toEqual(['/v1.0/me/checkMemberGroups']);
  });

  it("the bot's own token cannot be had: nothing is moved, and the card says an admin should look", async () => {
    apis.memberships.set(TOKEN, [APPROVERS]);
    const outcome = await restore(() => Promise.reject(new Error('AADSTS7000215')));
    expect(outcome).toEqual({ kind: 'failed', text: expect.stringContaining('could not get its own token') });
    expect(apis.calls.map((c) => c.path)).toEqual(['/v1.0/me/checkMemberGroups']);
    apis.memberships.clear();
  });
});
