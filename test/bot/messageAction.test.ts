import { NOT_POSTED_NOTICE, NOTHING_FOUND_NOTICE, UNDO_IN_CHAT_REPLY } from '../../src/bot/messageAction/messageAction';
import { ITEMS } from '../../src/core/content';
import { createLogger } from '../../src/ops/logger';
import { ALICE, BOB, BotHarness, Scope, TurnResult } from '../support/botHarness';
import { button, buttonsOf, CardButton, cardOf, Json, textOf, titleOf } from '../../tools/cardReader';
import { CARD_ACTION_INVOKE, MESSAGE_ACTION_FETCH_INVOKE, MESSAGE_ACTION_SUBMIT_INVOKE } from '../../src/core/wireNames';

/** The "Report false positive/negative" message action, with the invokes as Teams sends them. */

const COMMAND_ID = 'reportFalsePositiveNegative';
const CHANNEL = '19:incident-42@thread.tacv2';
const GROUP_CHAT = '19:group-chat@thread.v2';

/** An alert as another tool posts it in the SOC channel: HTML, with a link and an escaped apostrophe. */
const ALERT_HTML =
  '<div><p><b>Defender alert</b>: Safe Links blocked <a href="https://contoso-login.example/verify">hxxps://contoso-login[.]example/verify</a> in an email to finance.</p>' +
  '<p>Triage note: it&#39;s clean, the partner&nbsp;confirmed.</p></div>';

interface Selected {
  readonly html: string;
  readonly id?: string;
  readonly replyToId?: string;
  readonly attachments?: readonly Json[];
}

/**
 * The same alert as another tool posts it as an Adaptive Card: Teams sends the card's JSON as a
 * string attachment and an HTML body that only points at it. Its buttons lead to the portal.
 */
const ALERT_CARD_ID = 'f3b0c7a2';
const ALERT_AS_CARD: Selected = {
  html: `<attachment id="${ALERT_CARD_ID}"></attachment>`,
  attachments: [
    {
      id: ALERT_CARD_ID,
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: JSON.stringify({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: 'Defender alert', weight: 'Bolder' },
          { type: 'TextBlock', text: 'Safe Links blocked hxxps://contoso-login[.]example/verify in an email to finance.', wrap: true },
          { type: 'FactSet', facts: [{ title: 'Triage note', value: "It's clean, the partner confirmed." }] },
        ],
        actions: [{ type: 'Action.OpenUrl', title: 'Open alert', url: 'https://security.microsoft.com/alerts/da638' }],
      }),
    },
  ],
};

/** `activity.value.messagePayload`: the message the analyst picked the action on, as Teams describes it. */
function messagePayload({ html, id = '1700000005555', replyToId, attachments = [] }: Selected): Json {
  return {
    id,
    ...(replyToId ? { replyToId } : {}),
    messageType: 'message',
    createdDateTime: '2026-11-27T09:15:00.000Z',
    importance: 'normal',
    locale: 'en-us',
    linkToMessage: `https://teams.microsoft.com/l/message/${CHANNEL}/${id}`,
    from: { user: { id: '8:orgid:soc-alerts', displayName: 'SOC Alerts', userIdentityType: 'aadUser' } },
    body: { contentType: 'html', content: html },
    attachments,
    mentions: [],
    reactions: [],
  };
}

const fetchTask = (bot: BotHarness, selected: Selected, scope: Scope): Promise<TurnResult> =>
  bot.invoke(
    MESSAGE_ACTION_FETCH_INVOKE,
    { commandId: COMMAND_ID, commandContext: 'message', context: { theme: 'default' }, messagePayload: messagePayload(selected) },
    { scope },
  );

/** A click in the dialog: Teams sends the button's data with the selected message again. */
const submitAction = (bot: BotHarness, clicked: CardButton, selected: Selected, scope: Scope): Promise<TurnResult> =>
  bot.invoke(
    MESSAGE_ACTION_SUBMIT_INVOKE,
    { commandId: COMMAND_ID, commandContext: 'message', context: { theme: 'default' }, data: clicked.data, messagePayload: messagePayload(selected) },
    { scope },
  );

const bodyOf = (result: TurnResult): Json => {
  expect(result.invokeResponse?.status).toBe(200);
  return result.invokeResponse!.body;
};

/** The card the dialog shows; every button in it must be a plain Submit, the only kind a dialog runs. */
function dialogCard(result: TurnResult): Json {
  const task = bodyOf(result).task as Json;
  expect(task.type).toBe('continue');
  const value = task.value as Json;
  expect(value.title).toBe('Report false positive/negative');
  const card = cardOf({ attachments: [value.card as never] });
  expect(buttonsOf(card).filter((b) => b.type !== 'Action.Submit' && b.type !== 'Action.OpenUrl')).toEqual([]);
  return card;
}

const dialogMessage = (result: TurnResult): unknown => (bodyOf(result).task as Json | undefined)?.value;

let bot: BotHarness;
beforeEach(() => {
  bot = new BotHarness();
});
afterEach(() => {
  jest.restoreAllMocks();
});

describe('in a channel', () => {
  const alert: Selected = { html: ALERT_HTML };

  it('opens a dialog pre-filled with what the alert shows, posting nothing yet', async () => {
    const opened = await fetchTask(bot, alert, 'channel');
    const card = dialogCard(opened);
    expect(opened.posted).toHaveLength(0);
    expect(titleOf(card)).toBe('URL in an email message: AIR wrongly detected it');
    expect(textOf(card)).toContain('URL: hxxps[://]contoso-login[.]example/verify');
    expect(textOf(card)).toContain('the word "clean"');
    expect(buttonsOf(card).map((b) => b.title)).toEqual(['Yes, show me what to do', 'No, let me choose']);
    // Only the visible text was read: the link's target is not evidence and never reaches the card.
    expect(JSON.stringify(card)).not.toContain('contoso-login.example');
  });

  it('reads an alert posted as an Adaptive Card: what the card shows, not where its buttons lead', async () => {
    const card = dialogCard(await fetchTask(bot, ALERT_AS_CARD, 'channel'));
    expect(titleOf(card)).toBe('URL in an email message: AIR wrongly detected it');
    expect(textOf(card)).toContain('URL: hxxps[://]contoso-login[.]example/verify');
    expect(JSON.stringify(card)).not.toContain('alerts/da638');
    const submitted = await submitAction(bot, button(card, 'Yes, show me what to do'), ALERT_AS_CARD, 'channel');
    expect(titleOf(cardOf(submitted.posted[0]))).toBe('URL in an email message: AIR wrongly detected it');
  });

  it('"Yes" posts the guidance as a reply to the alert and closes the dialog', async () => {
    const card = dialogCard(await fetchTask(bot, alert, 'channel'));
    const submitted = await submitAction(bot, button(card, 'Yes, show me what to do'), alert, 'channel');
    expect(bodyOf(submitted)).toEqual({});
    // The answer, then the thread's record card noting it, both in the alert's thread.
    expect(submitted.posted.map((p) => p.conversation?.id)).toEqual([`${CHANNEL};messageid=1700000005555`, `${CHANNEL};messageid=1700000005555`]);
    expect(textOf(cardOf(submitted.posted[1]))).toContain('Reported to Microsoft: URL in an email message');
    const answer = cardOf(submitted.posted[0]);
    expect(titleOf(answer)).toBe('URL in an email message: AIR wrongly detected it');
    expect(textOf(answer)).toContain('(today Microsoft Defender for Office 365)');
    // The thread keeps what the answer is about, read again from the selected message.
    expect(textOf(answer).split('\n').slice(0, 2)).toEqual(['From your message', 'URL: hxxps[://]contoso-login[.]example/verify']);
    expect(button(answer, 'Open Submissions: URLs').url).toBe('https://security.microsoft.com/reportsubmission?viewid=url');
  });

  it("the answer's buttons work for whoever clicks them in the thread: each analyst gets a new card of their own", async () => {
    const card = dialogCard(await fetchTask(bot, alert, 'channel'));
    const answer = (await submitAction(bot, button(card, 'Yes, show me what to do'), alert, 'channel')).posted[0];
    const thread = { id: `${CHANNEL};messageid=1700000005555`, conversationType: 'channel', isGroup: true, name: '' };
    const undo = button(cardOf(answer), 'Undo a remediation');
    expect(undo.data).toMatchObject({ postedFor: ALICE.id });
    for (const analyst of [ALICE, BOB]) {
      const clicked = await bot.send(
        { type: 'invoke', name: CARD_ACTION_INVOKE, value: { action: { type: 'Action.Execute', verb: undo.verb, data: undo.data } }, conversation: thread },
        { as: analyst, replyToId: String(answer.id) },
      );
      expect(clicked.updated).toHaveLength(0);
      expect(textOf(cardOf(clicked.posted[0]))).toContain('check your permissions');
    }
  });

  it('answers a reply in a thread under the thread, not as a new one', async () => {
    const reply: Selected = { html: ALERT_HTML, id: '1700000007777', replyToId: '1700000006666' };
    const card = dialogCard(await fetchTask(bot, reply, 'channel'));
    const submitted = await submitAction(bot, button(card, 'Yes, show me what to do'), reply, 'channel');
    expect(submitted.posted.map((p) => p.conversation?.id)).toEqual([`${CHANNEL};messageid=1700000006666`, `${CHANNEL};messageid=1700000006666`]);
  });

  it('"No, let me choose" walks the questions inside the dialog, then posts the answer', async () => {
    const proposal = dialogCard(await fetchTask(bot, alert, 'channel'));
    const items = await submitAction(bot, button(proposal, 'No, let me choose'), alert, 'channel');
    expect(items.posted).toHaveLength(0);
    const itemQuestion = dialogCard(items);
    expect(titleOf(itemQuestion)).toBe('Report to Microsoft: which item?');

    const verdictQuestion = dialogCard(await submitAction(bot, button(itemQuestion, ITEMS['email-attachment'].label), alert, 'channel'));
    expect(titleOf(verdictQuestion)).toBe('Report to Microsoft: Email attachment');

    const answered = await submitAction(bot, button(verdictQuestion, /^AIR missed it/), alert, 'channel');
    expect(bodyOf(answered)).toEqual({});
    expect(titleOf(cardOf(answered.posted[0]))).toBe('Email attachment: AIR missed it');
  });

  it('answers in the dialog when it cannot post in the thread', async () => {
    const lines: string[] = [];
    bot = new BotHarness(undefined, createLogger('warn', { write: (line: string) => void lines.push(line) }));
    jest.spyOn(bot.adapter, 'continueConversationAsync').mockRejectedValue(Object.assign(new Error('BotNotInConversationRoster'), { statusCode: 403 }));
    const card = dialogCard(await fetchTask(bot, alert, 'channel'));
    const submitted = await submitAction(bot, button(card, 'Yes, show me what to do'), alert, 'channel');
    expect(submitted.posted).toHaveLength(0);
    const answer = dialogCard(submitted);
    expect(textOf(answer)).toContain(NOT_POSTED_NOTICE);
    expect(textOf(answer)).toContain('Microsoft Defender for Office 365');
    const warning = lines.map((line) => JSON.parse(line) as { msg: string; err?: { message?: string } }).find((l) => l.msg === 'guidance not posted in the conversation');
    expect(warning?.err?.message).toContain('BotNotInConversationRoster');
  });

  it('answers in the dialog when the message names no thread to reply under', async () => {
    const noId: Selected = { html: ALERT_HTML, id: '' };
    const card = dialogCard(await fetchTask(bot, noId, 'channel'));
    const submitted = await submitAction(bot, button(card, 'Yes, show me what to do'), noId, 'channel');
    expect(submitted.posted).toHaveLength(0);
    expect(textOf(dialogCard(submitted))).toContain(NOT_POSTED_NOTICE);
  });
});

describe('in a chat', () => {
  it('posts the guidance in the chat itself', async () => {
    const alert: Selected = { html: ALERT_HTML, id: '1700000008888' };
    const card = dialogCard(await fetchTask(bot, alert, 'groupChat'));
    const submitted = await submitAction(bot, button(card, 'Yes, show me what to do'), alert, 'groupChat');
    expect(submitted.posted.map((p) => p.conversation?.id)).toEqual([GROUP_CHAT, GROUP_CHAT]);
    expect(titleOf(cardOf(submitted.posted[1]))).toBe('Incident record');
    expect(titleOf(cardOf(submitted.posted[0]))).toBe('URL in an email message: AIR wrongly detected it');
  });

  it('opens on the report question when the message shows nothing it recognises', async () => {
    const card = dialogCard(await fetchTask(bot, { html: '<p>Lunch at <b>noon</b>?</p>' }, 'personal'));
    expect(textOf(card)).toContain(NOTHING_FOUND_NOTICE);
    expect(titleOf(card)).toBe('Report to Microsoft: which item?');
  });
});

describe('what the dialog refuses or hands back to the chat', () => {
  const alert: Selected = { html: ALERT_HTML };

  it('refuses a click whose data is not a button of ours, and does nothing', async () => {
    const forged = { type: 'Action.Submit', title: 'x', data: { verb: 'report.verdict', item: 'everything', verdict: 'missed' } };
    const submitted = await submitAction(bot, forged, alert, 'channel');
    expect(submitted.posted).toHaveLength(0);
    expect(dialogMessage(submitted)).toMatch(/^I could not use that button: the button's "item" is not valid/);
  });

  it('points an undo to the chat, where the walk-through keeps its place', async () => {
    const undo = { type: 'Action.Submit', title: 'Undo a remediation', data: { verb: 'command', command: 'undo' } };
    expect(dialogMessage(await submitAction(bot, undo, alert, 'channel'))).toBe(UNDO_IN_CHAT_REPLY);
  });

  it('closes on cancel', async () => {
    const proposal = dialogCard(await fetchTask(bot, alert, 'channel'));
    const question = dialogCard(await submitAction(bot, button(proposal, 'No, let me choose'), alert, 'channel'));
    const cancelled = await submitAction(bot, button(question, 'Cancel'), alert, 'channel');
    expect(bodyOf(cancelled)).toEqual({});
    expect(cancelled.posted).toHaveLength(0);
  });

  it('answers a command id it does not know with a message', async () => {
    const other = await bot.invoke(MESSAGE_ACTION_FETCH_INVOKE, { commandId: 'somethingElse', commandContext: 'message' }, { as: ALICE });
    expect(dialogMessage(other)).toMatch(/I do not know that action/);
  });
});
