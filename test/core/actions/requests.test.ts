import type { Evidence } from '../../../src/core/evidence';
import { ActionOrigin, AllowIndicator, DirectAction } from '../../../src/core/actions/model';
import { buildRequests, Built } from '../../../src/core/actions/requests/requests';
import { resultLink } from '../../../src/core/actions/requests/resultLink';
import type { Judgement } from '../../../src/core/safety';

/** The requests each direct action sends, checked against the documented shapes of Graph and Defender for Endpoint. */

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const ORIGIN: ActionOrigin = {
  threadName: 'Incident 2972395',
  threadUrl: 'https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/1700000000000',
  analyst: 'Adele Vance',
  now: NOW,
};
const URL_EVIDENCE: Evidence = { kind: 'url', display: 'hxxps://contoso-login[.]example/verify' };

function requestsOf(action: DirectAction) {
  const built = buildRequests(action, ORIGIN);
  if (!built.ok) throw new Error(`refused: ${built.refusal.text}`);
  return built.requests;
}
const refusalOf = (built: Built) => (built.ok ? undefined : built.refusal.reason);

describe('submit a URL to Microsoft', () => {
  it('sends a false positive as notJunk, refanged only in the body', () => {
    expect(requestsOf({ kind: 'submit-url', url: URL_EVIDENCE, verdict: 'wrongly-detected' })).toEqual([
      {
        service: 'graph-beta',
        method: 'POST',
        path: '/security/threatSubmission/urlThreats',
        body: { '@odata.type': '#microsoft.graph.security.urlThreatSubmission', category: 'notJunk', webUrl: 'https://contoso-login.example/verify' },
      },
    ]);
  });

  it.each(['phishing', 'malware', 'spam'] as const)('sends a missed URL as the category the analyst picked: %s', (category) => {
    const [request] = requestsOf({ kind: 'submit-url', url: URL_EVIDENCE, verdict: 'missed', category });
    expect(request?.body.category).toBe(category);
  });

  it('asks for a category before sending a missed URL', () => {
    expect(refusalOf(buildRequests({ kind: 'submit-url', url: URL_EVIDENCE, verdict: 'missed' }, ORIGIN))).toBe('needs-category');
  });

  it.each<Evidence>([
    { kind: 'domain', display: 'contoso[.]example' },
    { kind: 'url', display: 'hxxps://contoso[.]example/a-very-long-path…' },
    { kind: 'url', display: 'javascript:alert(1)' },
  ])('refuses what is not a whole http(s) URL: %j', (url) => {
    expect(refusalOf(buildRequests({ kind: 'submit-url', url, verdict: 'wrongly-detected' }, ORIGIN))).toBe('invalid-value');
  });
});

describe('submit an email message to Microsoft', () => {
  const message = {
    recipient: 'adele[@]contoso[.]com',
    messageUrl: 'https://graph.microsoft.com/v1.0/users/c52ce8db-3e4b-4181-93c4-7d6b6bffaf60/messages/AAMkADU3MWUx=',
  };

  it('sends the recipient and the message URL, as an emailUrlThreatSubmission', () => {
    expect(requestsOf({ kind: 'submit-email', verdict: 'missed', category: 'phishing', ...message })).toEqual([
      {
        service: 'graph-beta',
        method: 'POST',
        path: '/security/threatSubmission/emailThreats',
        body: {
          '@odata.type': '#microsoft.graph.security.emailUrlThreatSubmission',
          category: 'phishing',
          recipientEmailAddress: 'adele@contoso.com',
          messageUrl: message.messageUrl,
        },
      },
    ]);
  });

  it('asks for what finds the message when the analyst has not given it', () => {
    expect(refusalOf(buildRequests({ kind: 'submit-email', verdict: 'wrongly-detected' }, ORIGIN))).toBe('needs-message');
  });

  it.each(['https://evil.example/users/x/messages/y', 'http://graph.microsoft.com/v1.0/users/x/messages/y', 'not a url'])(
    'refuses a message URL that is not a Graph message: %s',
    (messageUrl) => {
      expect(refusalOf(buildRequests({ kind: 'submit-email', verdict: 'wrongly-detected', recipient: message.recipient, messageUrl }, ORIGIN))).toBe('invalid-value');
    },
  );
});

describe('classify the alert', () => {
  const alertId = 'da637551227677560813_-961444813';

  it('resolves a false positive and comments with a link to the thread', () => {
    expect(requestsOf({ kind: 'classify-alert', alertId, verdict: 'wrongly-detected' })).toEqual([
      {
        service: 'graph-v1',
        method: 'PATCH',
        path: `/security/alerts_v2/${alertId}`,
        body: { classification: 'falsePositive', determination: 'notMalicious', status: 'resolved' },
      },
      {
        service: 'graph-v1',
        method: 'POST',
        path: `/security/alerts_v2/${alertId}/comments`,
        body: {
          '@odata.type': 'microsoft.graph.security.alertComment',
          comment: `Classified as a false positive by Adele Vance from Microsoft Teams, thread "Incident 2972395": ${ORIGIN.threadUrl}`,
        },
      },
    ]);
  });

  it.each([['phishing', 'phishing'], ['malware', 'malware'], ['spam', 'other']] as const)(
    'resolves a confirmed missed %s threat as a true positive with determination %s',
    (category, determination) => {
      const [update] = requestsOf({ kind: 'classify-alert', alertId, verdict: 'missed', category });
      expect(update?.body).toEqual({ classification: 'truePositive', determination, status: 'resolved' });
    },
  );

  it.each(['../incidents/1', 'da63?x=1', ''])('refuses an alert id that could change the path: %j', (bad) => {
    expect(refusalOf(buildRequests({ kind: 'classify-alert', alertId: bad, verdict: 'wrongly-detected' }, ORIGIN))).toBe('invalid-value');
  });
});

describe('allow indicator', () => {
  const allow = (evidence: Evidence, extra: Partial<AllowIndicator> = {}): AllowIndicator => ({
    kind: 'allow-indicator',
    evidence,
    judgement: 'wrongly-detected',
    ...extra,
  });

  it('sends an Allowed indicator naming the thread, expiring in 30 days by default', () => {
    expect(requestsOf(allow({ kind: 'sha256', display: 'a'.repeat(63) + '1' }))).toEqual([
      {
        service: 'defender',
        method: 'POST',
        path: '/api/indicators',
        body: {
          indicatorValue: 'a'.repeat(63) + '1',
          indicatorType: 'FileSha256',
          action: 'Allowed',
          title: 'Allowed from Teams: false positive (Incident 2972395)',
          description: `Wrongly detected as malware, per Adele Vance in the Microsoft Teams thread "Incident 2972395": ${ORIGIN.threadUrl}`,
          expirationTime: '2026-12-31T12:00:00.000Z',
        },
      },
    ]);
  });

  it.each<[Evidence, boolean, string, string]>([
    [{ kind: 'sha1', display: 'b'.repeat(39) + '2' }, false, 'FileSha1', 'b'.repeat(39) + '2'],
    [{ kind: 'sha1', display: 'b'.repeat(39) + '2' }, true, 'CertificateThumbprint', 'b'.repeat(39) + '2'],
    [{ kind: 'md5', display: 'c'.repeat(31) + '3' }, false, 'FileMd5', 'c'.repeat(31) + '3'],
    [{ kind: 'ipv4', display: '203.0.113[.]7' }, false, 'IpAddress', '203.0.113.7'],
    [{ kind: 'ipv6', display: '2001[:]db8[:][:]1' }, false, 'IpAddress', '2001:db8::1'],
    [{ kind: 'domain', display: 'contoso-login[.]example' }, false, 'DomainName', 'contoso-login.example'],
    [URL_EVIDENCE, false, 'Url', 'https://contoso-login.example/verify'],
  ])('takes its type from the evidence: %j (certificate %s) -> %s', (evidence, certificate, indicatorType, indicatorValue) => {
    const [request] = requestsOf(allow(evidence, { certificate }));
    expect(request?.body).toMatchObject({ indicatorType, indicatorValue, action: 'Allowed' });
  });

  it('takes a shorter expiry the analyst chose, and refuses a longer one', () => {
    const [request] = requestsOf(allow({ kind: 'domain', display: 'contoso[.]example' }, { expiryDays: 7 }));
    expect(request?.body.expirationTime).toBe('2026-12-08T12:00:00.000Z');
    expect(refusalOf(buildRequests(allow({ kind: 'domain', display: 'contoso[.]example' }, { expiryDays: 31 }), ORIGIN))).toBe('invalid-value');
    expect(refusalOf(buildRequests(allow({ kind: 'domain', display: 'contoso[.]example' }, { expiryDays: 0 }), ORIGIN))).toBe('invalid-value');
  });

  it.each<Evidence>([
    { kind: 'file', display: 'invoice.docx' },
    { kind: 'device', display: 'LAPTOP-42' },
    { kind: 'email', display: 'a[@]b[.]com' },
  ])('refuses evidence no indicator takes: %j', (evidence) => {
    expect(refusalOf(buildRequests(allow(evidence), ORIGIN))).toBe('invalid-value');
  });

  describe('the safety rule: only for a false positive, whatever else the action says', () => {
    const EVIDENCE: readonly Evidence[] = [
      { kind: 'sha256', display: 'd'.repeat(63) + '4' },
      { kind: 'sha1', display: 'e'.repeat(39) + '5' },
      { kind: 'md5', display: 'f'.repeat(31) + '6' },
      { kind: 'ipv4', display: '198.51.100[.]9' },
      { kind: 'domain', display: 'fabrikam[.]example' },
      URL_EVIDENCE,
    ];
    const JUDGEMENTS: readonly Judgement[] = ['wrongly-detected', 'missed', undefined];
    const table = JUDGEMENTS.flatMap((judgement) =>
      EVIDENCE.flatMap((evidence) => [false, true].flatMap((certificate) => [undefined, 1, 30].map((expiryDays) => ({ judgement, evidence, certificate, expiryDays })))),
    );

    it.each(table)('verdict $judgement, $evidence.kind, certificate $certificate, expiry $expiryDays', ({ judgement, evidence, certificate, expiryDays }) => {
      const built = buildRequests({ kind: 'allow-indicator', evidence, judgement, certificate, ...(expiryDays ? { expiryDays } : {}) }, ORIGIN);
      if (judgement === 'wrongly-detected') expect(built.ok).toBe(true);
      else expect(refusalOf(built)).toBe('allow-not-permitted');
    });
  });
});

describe('where the analyst sees the result', () => {
  it.each<[DirectAction['kind'], string, string | undefined]>([
    ['submit-url', '49c5ef5b-1f65-444a-e6b9-08d772ea2059', 'https://security.microsoft.com/reportsubmission?viewid=url'],
    ['submit-email', '49c5ef5b-1f65-444a-e6b9-08d772ea2059', 'https://security.microsoft.com/reportsubmission?viewid=email'],
    ['classify-alert', 'da637551227677560813_-961444813', 'https://security.microsoft.com/alerts/da637551227677560813_-961444813'],
    ['classify-alert', '../x', undefined],
    ['allow-indicator', '995', 'https://security.microsoft.com/securitysettings/endpoints/custom_ti_indicators'],
  ])('%s %s -> %s', (kind, id, link) => {
    expect(resultLink(kind, id)).toBe(link);
  });
});
