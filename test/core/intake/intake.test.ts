import { respond } from '../../../src/core/flow/conversation';
import { parseCardAction } from '../../../src/core/cardActions';
import { incidentViewOf, renderIncidentCard } from '../../../src/core/intake/incidentCard';
import { entitiesOf, knownEvidence } from '../../../src/core/intake/entities';
import { qualifies } from '../../../src/core/intake/qualifying';
import type { GraphAlert, GraphIncident } from '../../../src/core/intake/graphShapes';
import { INCIDENT_PATH_MISSED, INCIDENT_PATH_RECURRING, INCIDENT_PATH_RIGHT, INCIDENT_PATH_UNDO } from '../../../src/core/wireNames';
import { buttonsOf, Json } from '../../../tools/cardReader';

const T = '#microsoft.graph.security.';
const evidence = (type: string, fields: Record<string, unknown>) => ({ '@odata.type': `${T}${type}`, ...fields });

describe('which alerts bring their incident to the channel', () => {
  test.each<[string, GraphAlert, 'air' | 'all', boolean]>([
    ['evidence remediated', { evidence: [evidence('fileEvidence', { remediationStatus: 'remediated' })] }, 'air', true],
    ['evidence prevented', { evidence: [evidence('fileEvidence', { remediationStatus: 'prevented' })] }, 'air', true],
    ['evidence blocked', { evidence: [evidence('urlEvidence', { remediationStatus: 'blocked' })] }, 'air', true],
    ['evidence pending approval', { evidence: [evidence('deviceEvidence', { remediationStatus: 'pendingApproval' })] }, 'air', true],
    ['raised by automated investigation', { detectionSource: 'automatedInvestigation', evidence: [] }, 'air', true],
    ['evidence not found', { evidence: [evidence('fileEvidence', { remediationStatus: 'notFound' })] }, 'air', false],
    ['no evidence, another source', { detectionSource: 'microsoftDefenderForEndpoint' }, 'air', false],
    ['an unknown status', { evidence: [evidence('fileEvidence', { remediationStatus: 'unknownFutureValue' })] }, 'air', false],
    ['evidence not a list', { evidence: 'remediated' as unknown as [] }, 'air', false],
    ['anything, with all', { detectionSource: 'microsoftDefenderForEndpoint' }, 'all', true],
  ])('%s (%s mode: %s)', (_name, alert, mode, expected) => {
    expect(qualifies(alert, mode)).toBe(expected);
  });
});

const INCIDENT: GraphIncident = {
  id: '42',
  displayName: 'Email reported by user as malware or phish',
  severity: 'medium',
  status: 'active',
  incidentWebUrl: 'https://security.microsoft.com/incidents/42?tid=x',
  alerts: [
    {
      alertWebUrl: 'https://security.microsoft.com/alerts/da1?tid=x',
      evidence: [
        evidence('analyzedMessageEvidence', { remediationStatus: 'remediated', verdict: 'malicious', networkMessageId: 'nm-1', recipientEmailAddress: 'jo@contoso.com', subject: 'Invoice from evil.example' }),
        evidence('fileEvidence', { remediationStatus: 'prevented', verdict: 'suspicious', fileDetails: { fileName: 'invoice.docm', sha256: 'A'.repeat(64) } }),
        evidence('urlEvidence', { remediationStatus: 'blocked', verdict: 'malicious', url: 'https://evil.example/login?x=1' }),
        evidence('deviceEvidence', { remediationStatus: 'pendingApproval', verdict: 'suspicious', mdeDeviceId: 'dev-1', deviceDnsName: 'laptop-42.contoso.com' }),
        evidence('userEvidence', { verdict: 'unknown', userAccount: { userPrincipalName: 'jo@contoso.com' } }),
      ],
    },
  ],
};

const cardText = (card: unknown): string => JSON.stringify(card);

describe('the incident card', () => {
  const view = incidentViewOf('42', INCIDENT);
  const card = renderIncidentCard(view) as unknown as Json;

  test('shows title, severity, status, each entity defanged with what AIR did and its verdict', () => {
    const text = cardText(card);
    expect(text).toContain('Email reported by user as malware or phish');
    expect(text).toContain('severity medium');
    expect(text).toContain('Email: Invoice from evil[.]example');
    expect(text).toContain('to jo[@]contoso[.]com');
    expect(text).toContain('File: invoice[.]docm');
    expect(text).toContain(`SHA-256 ${'a'.repeat(64)}`);
    expect(text).toContain('URL: hxxps://evil[.]example/login?x=1');
    expect(text).toContain('Device: laptop-42[.]contoso[.]com');
    expect(text).toContain('AIR remediated it · verdict: malicious');
    expect(text).toContain('AIR waits for approval');
    expect(text).not.toMatch(/evil\.example|contoso\.com"/);
  });

  test('keeps the identifiers for the flows that act, never showing them', () => {
    expect(entitiesOf(INCIDENT.alerts!).map((entity) => entity.ids)).toEqual([
      { networkMessageId: 'nm-1', recipientEmailAddress: 'jo@contoso.com' },
      { sha256: 'a'.repeat(64) },
      {},
      { mdeDeviceId: 'dev-1' },
      { userPrincipalName: 'jo@contoso.com' },
    ]);
    expect(cardText(card)).not.toContain('nm-1');
    expect(cardText(card)).not.toContain('dev-1');
  });

  test("gives an undo from Teams only Defender's own ids, in the shapes the APIs take", () => {
    const known = entitiesOf([
      {
        evidence: [
          evidence('analyzedMessageEvidence', { remediationStatus: 'remediated', networkMessageId: '73CA4154-58D8-43D0-A890-08DC18C52E6D', recipientEmailAddress: 'jo@contoso.com', subject: 'Invoice' }),
          evidence('deviceEvidence', { remediationStatus: 'remediated', mdeDeviceId: '1E5BC9D7E413DDD7902C2932E418702B84D0CC07', deviceDnsName: 'laptop-42.contoso.com' }),
          evidence('userEvidence', { remediationStatus: 'remediated', userAccount: { accountName: 'jon', userSid: 's-1-5-21-1-2-3-500' } }),
          evidence('deviceEvidence', { remediationStatus: 'remediated', mdeDeviceId: 'dev-1', deviceDnsName: 'laptop-43.contoso.com' }),
        ],
      },
    ]).map(knownEvidence);
    expect(known).toEqual([
      [
        { kind: 'networkMessageId', display: '73ca4154-58d8-43d0-a890-08dc18c52e6d' },
        { kind: 'email', display: 'jo[@]contoso[.]com' },
      ],
      [{ kind: 'mdeDeviceId', display: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07' }],
      [{ kind: 'userSid', display: 'S-1-5-21-1-2-3-500' }],
      // Not an id Defender for Endpoint writes: nothing to act on.
      [],
    ]);
  });

  test('links to the incident, the alert and Action center history; a link outside the portal is left off', () => {
    const links = ((card.actions ?? []) as Json[]).map((action) => action.url);
    expect(links).toEqual(['https://security.microsoft.com/incidents/42?tid=x', 'https://security.microsoft.com/alerts/da1?tid=x', 'https://security.microsoft.com/action-center/history']);
    const elsewhere = renderIncidentCard(incidentViewOf('42', { ...INCIDENT, incidentWebUrl: 'https://evil.example/', alerts: [] })) as unknown as Json;
    expect(((elsewhere.actions ?? []) as Json[]).map((action) => action.url)).toEqual(['https://security.microsoft.com/action-center/history']);
  });

  const clicked = (title: string) => {
    const found = paths().find((b) => b.title === title);
    if (!found) throw new Error(`no button ${title}`);
    const parsed = parseCardAction(found.data);
    if (!parsed.ok) throw new Error(parsed.problem);
    return respond(undefined, { kind: 'action', action: parsed.action }, { newWalkId: () => 'walk-1' });
  };
  const about = { evidence: [{ kind: 'email', display: 'Invoice from evil[.]example (to jo[@]contoso[.]com)' }], references: [{ kind: 'incident', id: '42' }] };

  const paths = () => buttonsOf(card).filter((b) => b.data !== undefined);

  test('four buttons, each starting its path with the entity', () => {
    expect(paths().map((b) => b.title)).toEqual(['AIR was right', 'It was clean: undo it', 'Something was missed', 'Stop it recurring']);
    expect(paths().map((b) => (b.data as Json).path)).toEqual([INCIDENT_PATH_RIGHT, INCIDENT_PATH_UNDO, INCIDENT_PATH_MISSED, INCIDENT_PATH_RECURRING]);
    expect(clicked('It was clean: undo it').view).toEqual({ card: 'undoPermissions', walk: 'walk-1', context: about });
    expect(clicked('Something was missed').view).toEqual({ card: 'reportAnswer', item: 'email-message', verdict: 'missed', context: about });
    expect(clicked('Stop it recurring').view).toEqual({ card: 'chooseScenario' });
    expect(clicked('AIR was right').finished).toEqual({ kind: 'airRight', context: about });
  });

  test('the undo walk names the email on its next card too', () => {
    const start = clicked('It was clean: undo it');
    const next = respond(start.state, { kind: 'action', action: { verb: 'undo.next', walk: 'walk-1', step: 0 } }, { newWalkId: () => 'walk-2' });
    expect(next.view).toMatchObject({ card: 'undoStep', step: 1, context: about });
  });

  test('a button with an incident id or kind out of shape is refused', () => {
    const data = paths()[1].data as Json;
    expect(parseCardAction({ ...data, incident: '42/../x' }).ok).toBe(false);
    expect(parseCardAction({ ...data, kind: 'user' }).ok).toBe(false);
    expect(parseCardAction({ ...data, path: 'delete-everything' }).ok).toBe(false);
  });
});
