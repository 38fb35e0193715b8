import { NOT_POSTED_NOTICE } from '../../src/bot/messageAction/messageAction';
import { cardOf, Json, textOf, titleOf } from '../../tools/cardReader';
import { EdgeServer, startEdgeServer } from '../support/edgeServer';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { MESSAGE_ACTION_SUBMIT_INVOKE } from '../../src/core/wireNames';
import { envelope } from '../../tools/wireActivities';

/**
 * The message action's reply in a thread through the real HTTP edge, CloudAdapter and Bot Connector
 * client, against a local connector: the proactive post must reach the thread's conversation.
 */

const CHANNEL = '19:soc-alerts@thread.tacv2';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ALERT_HTML = '<p>Safe Links blocked hxxps://contoso-login[.]example/verify in an email; it&#39;s clean.</p>';

let connector: FakeConnector;
let edge: EdgeServer;

beforeAll(async () => {
  connector = await startFakeConnector();
  edge = await startEdgeServer();
});

afterEach(() => {
  connector.answer(200);
  jest.restoreAllMocks();
});

afterAll(async () => {
  await edge.turns.drain(5_000);
  await edge.close();
  await connector.close();
});

/** The "Yes" click in the dialog, as Teams puts it on the wire for a message in an incident channel. */
function yesClick(): Record<string, unknown> {
  const chat = {
    serviceUrl: connector.serviceUrl,
    conversationId: CHANNEL,
    tenantId: TENANT,
    analyst: { id: '29:wire-analyst', name: 'Wire Analyst' },
    bot: { id: '28:air-bot', name: 'AIR Guide' },
    inChannel: true,
    idPrefix: 'wire-submit',
  };
  return {
    ...envelope(chat),
    type: 'invoke',
    name: MESSAGE_ACTION_SUBMIT_INVOKE,
    channelData: { tenant: { id: TENANT }, channel: { id: CHANNEL }, team: { id: CHANNEL } },
    value: {
      commandId: 'reportFalsePositiveNegative',
      commandContext: 'message',
      context: { theme: 'default' },
      data: { verb: 'report.verdict', item: 'url-in-email', verdict: 'wrongly-detected' },
      messagePayload: { id: '1700000005555', messageType: 'message', body: { contentType: 'html', content: ALERT_HTML } },
    },
  };
}

test('the answer is posted to the thread of the selected message and the dialog closes', async () => {
  const callsBefore = connector.calls.length;
  const answer = await edge.postActivity(yesClick());

  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({});
  // The answer, then the thread's record card noting it, posted once the dialog has its answer.
  const thread = `${CHANNEL};messageid=1700000005555`;
  await connector.nextReply(thread);
  await connector.nextReply(thread);
  const calls = connector.calls.slice(callsBefore);
  expect(calls.map((call) => titleOf(cardOf(call.activity as Json)))).toEqual(['URL in an email message: AIR wrongly detected it', 'Incident record']);
  // The SDK sends a proactive message as a reply to its continuation activity, inside the thread's conversation.
  expect(`${calls[0].method} ${decodeURIComponent(calls[0].path)}`).toMatch(
    new RegExp(`^POST /teams/v3/conversations/${CHANNEL};messageid=1700000005555/activities(/[\\w-]+)?$`),
  );
  const posted = calls[0].activity as Json;
  expect((posted.conversation as Json).id).toBe(`${CHANNEL};messageid=1700000005555`);
  expect(titleOf(cardOf(posted))).toBe('URL in an email message: AIR wrongly detected it');
});

test('the connector refusing the post (bot not in the conversation): the answer comes back in the dialog', async () => {
  connector.answer(403);
  const logged = edge.logsFromNow();
  const callsBefore = connector.calls.length;

  const answer = await edge.postActivity(yesClick());

  // One refused post; no apology sent into the thread, and the turn itself went well.
  expect(connector.calls.length - callsBefore).toBe(1);
  expect(logged().map((line) => line.msg)).not.toContain('turn failed');

  expect(answer.status).toBe(200);
  const task = (answer.body as Json).task as Json;
  expect(task.type).toBe('continue');
  const card = cardOf({ attachments: [(task.value as Json).card as never] });
  expect(textOf(card)).toContain(NOT_POSTED_NOTICE);
  expect(textOf(card)).toContain('Microsoft Defender for Office 365');
  expect(logged()).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'guidance not posted in the conversation' }));
});
