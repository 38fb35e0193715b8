import { ALICE, BOB, BotHarness, TurnResult } from '../support/botHarness';
import { button, buttonsOf, cardOf, Json, textOf, titleOf } from '../../tools/cardReader';
import { isRecordCard } from '../support/recordCards';
import { TASK_FETCH_INVOKE } from '../../src/core/wireNames';

/** The thread's record: one card per thread, updated in place; `record` re-posts it; the copy dialog. */

let bot: BotHarness;
beforeEach(() => {
  bot = new BotHarness();
});

const recordPosts = (result: TurnResult) => result.posted.filter(isRecordCard);
const recordUpdates = (result: TurnResult) => result.updated.filter(isRecordCard);

/** Reports an item through the question cards, as the analyst clicks them: item, then verdict. */
async function report(as: typeof ALICE, item: RegExp, verdict: RegExp, scope: 'channel' | 'groupChat' | 'personal' = 'channel'): Promise<TurnResult> {
  const question = cardOf((await bot.say('report', { scope, as })).posted[0]);
  const verdicts = await bot.execute(button(question, item), { scope, as });
  return bot.execute(button(verdicts.invokeResponse!.body.value as Json, verdict), { scope, as });
}

async function undoToTheEnd(as: typeof ALICE, scope: 'channel' | 'personal' = 'channel'): Promise<TurnResult> {
  let card = cardOf((await bot.say('undo', { scope, as })).posted[0]);
  for (let i = 0; i < 12; i++) {
    const choice = buttonsOf(card).find((b) => /^(A device|I have them, continue|Next|Done)/.test(b.title));
    const result = await bot.execute(choice!, { scope, as });
    if (result.posted.length > 0 || result.updated.length > 0) return result;
    card = result.invokeResponse!.body.value as Json;
  }
  throw new Error('the undo walk-through never ended');
}

describe('in a channel thread', () => {
  it('posts one record card for the first finished task, then updates that same card for the next ones, newest first', async () => {
    const first = await report(ALICE, /^URL in an email/, /wrongly detected/i);
    const posted = recordPosts(first);
    expect(posted).toHaveLength(1);
    const recordId = posted[0].id;
    expect(textOf(cardOf(posted[0]))).toContain('Alice Analyst');
    expect(textOf(cardOf(posted[0]))).toContain('1 thing finished in this thread');

    const second = await report(BOB, /^Email attachment/, /missed/i);
    expect(recordPosts(second)).toHaveLength(0);
    expect(recordUpdates(second).map((a) => a.id)).toEqual([recordId]);

    const third = await undoToTheEnd(ALICE);
    expect(recordPosts(third)).toHaveLength(0);
    const latest = cardOf(recordUpdates(third).at(-1));
    expect(recordUpdates(third).at(-1)!.id).toBe(recordId);
    const text = textOf(latest);
    expect(text).toContain('3 things finished in this thread');
    const undo = text.indexOf('Walked through undoing a remediation (investigation about a device)');
    const attachment = text.indexOf('Reported to Microsoft: Email attachment');
    const url = text.indexOf('Reported to Microsoft: URL in an email message');
    expect(undo).toBeGreaterThan(-1);
    expect(undo).toBeLessThan(attachment);
    expect(attachment).toBeLessThan(url);
    expect(text).toContain('Bob Responder');
    expect(text).toMatch(/AIR missed it \(false negative\)/);
    expect(text).toMatch(/Submissions\*\* page, \*\*Email attachments\*\* tab/);
    expect(text).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC \(just now\)/);
  });

  it('records a cancelled undo walk-through with the step it stopped at', async () => {
    const permissions = cardOf((await bot.say('undo', { scope: 'channel' })).posted[0]);
    const step1 = await bot.execute(button(permissions, 'I have them, continue'), { scope: 'channel' });
    await bot.execute(button(step1.invokeResponse!.body.value as Json, 'Next'), { scope: 'channel' });
    const cancelled = await bot.say('cancel', { scope: 'channel' });
    expect(textOf(cardOf(recordPosts(cancelled)[0]))).toContain('Cancelled the undo walk-through');
    expect(textOf(cardOf(recordPosts(cancelled)[0]))).toContain('Stopped at step 2 of 7');
  });

  it('records the evidence and the incident when the answer came from the analyst\'s message', async () => {
    const proposal = cardOf((await bot.say('incident 2972395: hxxps://contoso-login[.]example/verify in an email is clean, false positive', { scope: 'channel' })).posted[0]);
    const answered = await bot.execute(buttonsOf(proposal).find((b) => b.style === 'positive')!, { scope: 'channel' });
    const text = textOf(cardOf(recordPosts(answered)[0]));
    expect(text).toContain('Incident: 2972395');
    expect(text).toContain('contoso-login[.]example');
    // Only the evidence the analyst acted on: none of the rest of their message.
    expect(text).not.toContain('is clean');
  });

  it('`record` re-posts the card at the bottom and marks the old one "moved below"; later finishes update the new one', async () => {
    const firstId = recordPosts(await report(ALICE, /^URL in an email/, /wrongly detected/i))[0].id;
    const reposted = await bot.say('record', { scope: 'channel', as: BOB });
    expect(recordPosts(reposted)).toHaveLength(1);
    const newId = recordPosts(reposted)[0].id;
    expect(newId).not.toBe(firstId);
    expect(textOf(cardOf(recordPosts(reposted)[0]))).toContain('Reported to Microsoft: URL in an email message');
    const moved = recordUpdates(reposted);
    expect(moved.map((a) => a.id)).toEqual([firstId]);
    expect(textOf(cardOf(moved[0]))).toContain('moved below');
    expect(buttonsOf(cardOf(moved[0]))).toHaveLength(0);

    const next = await report(BOB, /^Email message/, /missed/i);
    expect(recordPosts(next)).toHaveLength(0);
    expect(recordUpdates(next).map((a) => a.id)).toEqual([newId]);
  });

  it('`record` in a thread where nothing finished yet says so and posts nothing', async () => {
    const result = await bot.say('record', { scope: 'channel' });
    expect(result.posted).toHaveLength(1);
    expect(result.posted[0].text).toMatch(/Nothing is in this thread's record yet/);
  });

  it('"Copy for the ticket" opens a dialog with the whole record as plain text', async () => {
    await report(ALICE, /^URL in an email/, /wrongly detected/i);
    const second = await report(BOB, /^Email attachment/, /missed/i);
    const copy = button(cardOf(recordUpdates(second)[0]), 'Copy for the ticket');
    expect(copy.type).toBe('Action.Submit');
    const dialog = await bot.invoke(TASK_FETCH_INVOKE, { data: copy.data, context: { theme: 'default' } }, { scope: 'channel' });
    expect(dialog.invokeResponse?.status).toBe(200);
    const task = (dialog.invokeResponse!.body as { task: { type: string; value: { title: string; card: { content: Json } } } }).task;
    expect(task.type).toBe('continue');
    expect(task.value.title).toBe('Copy for the ticket');
    const box = (task.value.card.content.body as Json[]).find((e) => e.type === 'Input.Text')!;
    const plain = String(box.value);
    expect(plain).toMatch(/^Incident record: 2 entries, newest first, as of \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(plain.indexOf('Bob Responder: Reported to Microsoft: Email attachment')).toBeLessThan(plain.indexOf('Alice Analyst: Reported to Microsoft: URL in an email message'));
    expect(plain).not.toContain('**');
  });

  it('a card update that fails loses no entry: the next update shows it', async () => {
    const recordId = recordPosts(await report(ALICE, /^URL in an email/, /wrongly detected/i))[0].id;
    const update = jest.spyOn(bot.adapter, 'updateActivity').mockRejectedValueOnce(new Error('connector unavailable'));
    const failed = await report(BOB, /^Email attachment/, /missed/i);
    expect(titleOf(failed.invokeResponse!.body.value as Json)).toMatch(/Email attachment/);
    update.mockRestore();

    const next = await report(ALICE, /^Email message/, /missed/i);
    const shown = recordUpdates(next).at(-1)!;
    expect(shown.id).toBe(recordId);
    expect(textOf(cardOf(shown))).toContain('3 things finished in this thread');
    expect(textOf(cardOf(shown))).toContain('Bob Responder');
  });

  it('a dialog request it does not know gets a plain answer, nothing else', async () => {
    const dialog = await bot.invoke(TASK_FETCH_INVOKE, { data: { verb: 'something.else' } }, { scope: 'channel' });
    expect(dialog.invokeResponse?.body).toEqual({ task: { type: 'message', value: 'I do not know that dialog. Send me help to see what I can do.' } });
    expect(dialog.posted).toHaveLength(0);
  });

  it('takes the name from the activity, as plain words', async () => {
    const mallory = { id: '29:mallory', name: '[Click me](https://evil.example) <b>Mallory</b>' };
    const result = await report(mallory, /^Email message/, /missed/i);
    const text = textOf(cardOf(recordPosts(result)[0]));
    expect(text).not.toContain('https://evil');
    expect(text).not.toContain('](');
    expect(text).toContain('Mallory');
  });
});

describe('in a 1:1 chat', () => {
  it('posts no record card when something finishes; `record` shows the analyst\'s own recent entries from every chat', async () => {
    const answered = await report(ALICE, /^File or app on a device/, /wrongly detected/i, 'personal');
    expect(recordPosts(answered)).toHaveLength(0);
    expect(answered.posted).toHaveLength(0);
    expect(titleOf(answered.invokeResponse!.body.value as Json)).toMatch(/File or app on a device/);
    await report(ALICE, /^Email message/, /missed/i, 'channel');
    await report(BOB, /^Email attachment/, /missed/i, 'channel');

    const mine = await bot.say('record', { scope: 'personal' });
    const card = cardOf(recordPosts(mine)[0]);
    expect(titleOf(card)).toBe('Your recent entries');
    const text = textOf(card);
    expect(text).toContain('2 things finished by you');
    expect(text).toContain('Email message');
    expect(text).toContain('File or app on a device');
    expect(text).not.toContain('Bob Responder');
  });
});
