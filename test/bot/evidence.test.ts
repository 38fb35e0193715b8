import { ALICE, BOB, BotHarness, Scope, TurnResult } from '../support/botHarness';
import { button, buttonsOf, cardOf, Json, textOf, titleOf } from '../../tools/cardReader';
import { besidesRecord } from '../support/recordCards';

/** An analyst pastes what they see; the bot proposes where to go, through the real bot and the SDK's TestAdapter. */

const PASTED = "hxxps://contoso-login[.]example/verify blocked in an email, it's clean";
const ANSWER_TITLE = 'URL in an email message: AIR wrongly detected it';

let bot: BotHarness;
beforeEach(() => {
  bot = new BotHarness();
});

const onlyPosted = (result: TurnResult): Json => {
  expect(result.posted).toHaveLength(1);
  return cardOf(result.posted[0]);
};

const movedTo = (result: TurnResult): Json => {
  // Nothing new in the conversation but, once something finishes in a thread, its record card.
  expect(besidesRecord(result.posted)).toHaveLength(0);
  expect(result.invokeResponse?.body.type).toBe('application/vnd.microsoft.card.adaptive');
  return result.invokeResponse!.body.value as Json;
};

describe('pasting evidence in a 1:1 chat', () => {
  it('shows what it found and why, and one click on "Yes" turns the card into the Defender for Office 365 answer', async () => {
    const proposal = onlyPosted(await bot.say(PASTED));
    expect(titleOf(proposal)).toBe(ANSWER_TITLE);
    expect(textOf(proposal)).toContain('Because I found a URL, the word "email" and the word "clean".');
    expect(textOf(proposal)).toContain('URL: hxxps[://]contoso-login[.]example/verify');

    const answer = movedTo(await bot.execute(button(proposal, 'Yes, show me what to do')));
    expect(titleOf(answer)).toBe(ANSWER_TITLE);
    expect(textOf(answer)).toContain('Microsoft Defender for Office 365: **Submissions** page, **URLs** tab');
    expect(textOf(answer)).toContain('Office 365 Advanced Threat Protection');
    expect(textOf(answer).split('\n').slice(0, 2)).toEqual(['From your message', 'URL: hxxps[://]contoso-login[.]example/verify']);
  });

  it('clients without Action.Execute get the same answer through the Submit fallback, in place', async () => {
    const pasted = await bot.say(PASTED);
    const clicked = await bot.submit(button(onlyPosted(pasted), 'Yes, show me what to do'));
    expect(clicked.updated.map((a) => a.id)).toEqual([pasted.posted[0].id]);
    expect(titleOf(cardOf(clicked.updated[0]))).toBe(ANSWER_TITLE);
  });

  it('"No, let me choose" turns the card into the report question', async () => {
    const proposal = onlyPosted(await bot.say(PASTED));
    expect(titleOf(movedTo(await bot.execute(button(proposal, 'No, let me choose'))))).toBe('Report to Microsoft: which item?');
  });

  it('asks when unsure, the likeliest first', async () => {
    const proposal = onlyPosted(await bot.say('can you look at 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae'));
    expect(titleOf(proposal)).toBe('Which of these is it?');
    expect(textOf(proposal)).toContain('SHA-256: 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae');
    const first = buttonsOf(proposal).find((b) => b.title.startsWith('Report: '))!;
    expect(first.title).toBe('Report: file on a device');
    expect(titleOf(movedTo(await bot.execute(first)))).toBe('Report to Microsoft: File or app on a device');
  });

  it('answers small talk with one short line, not a card', async () => {
    const thanks = await bot.say('thanks!');
    expect(thanks.posted).toHaveLength(1);
    expect(thanks.posted[0].attachments ?? []).toEqual([]);
    expect(thanks.posted[0].text).toMatch(/^You're welcome\./);
    expect(titleOf(onlyPosted(await bot.say('help')))).toBe('What I can do');
  });

  it('still shows the help card for text with nothing to go on', async () => {
    expect(titleOf(onlyPosted(await bot.say('what is this?')))).toBe('What I can do');
  });

  it('keeps a walk-through running beside the proposal', async () => {
    const permissions = onlyPosted(await bot.say('undo'));
    const proposal = onlyPosted(await bot.say(PASTED));
    expect(textOf(proposal)).toContain('You still have the undo walk-through (at the permissions check) open; its card still works.');
    expect(textOf(movedTo(await bot.execute(button(permissions, 'I have them, continue'))))).toContain('Step 1 of 7');
  });
});

describe.each<Scope>(['channel', 'groupChat'])('in a %s', (scope) => {
  it('the proposal belongs to whoever pasted: it moves for them, not for others', async () => {
    const proposal = onlyPosted(await bot.say(PASTED, { scope, as: ALICE }));
    const bobClicks = await bot.execute(button(proposal, 'Yes, show me what to do'), { scope, as: BOB });
    expect(bobClicks.invokeResponse?.body.value).toMatch(/^This walk-through belongs to Alice Analyst\./);
    expect(titleOf(movedTo(await bot.execute(button(proposal, 'Yes, show me what to do'), { scope, as: ALICE })))).toBe(ANSWER_TITLE);
  });

  it('the answer that replaces the proposal in the thread still shows the evidence and the incident', async () => {
    const proposal = onlyPosted(await bot.say(`https://security.microsoft.com/incidents/2972395?tid=abc ${PASTED}`, { scope, as: ALICE }));
    expect(textOf(proposal)).toContain('Incident: 2972395');
    const answer = movedTo(await bot.execute(button(proposal, 'Yes, show me what to do'), { scope, as: ALICE }));
    expect(titleOf(answer)).toBe(ANSWER_TITLE);
    expect(textOf(answer).split('\n').slice(0, 3)).toEqual(['From your message', 'Incident: 2972395', 'URL: hxxps[://]contoso-login[.]example/verify']);
  });

  it('an undo request walks through the undo with the device, the file and the alert on every card, to the end', async () => {
    const asked = 'undo the quarantine of invoice.docx on LAPTOP-42, alert https://security.microsoft.com/alerts/da637551227677560813_-961444813?tid=abc';
    const proposal = onlyPosted(await bot.say(asked, { scope, as: ALICE }));
    expect(titleOf(proposal)).toMatch(/undo/i);
    let card = movedTo(await bot.execute(button(proposal, 'Yes, show me what to do'), { scope, as: ALICE }));
    expect(titleOf(card)).toBe('Undo a remediation: check your permissions first');
    const context = textOf(card).split('\n').slice(0, 4);
    expect(context).toEqual(['From your message', 'Alert: da637551227677560813\\_-961444813', 'File: invoice.docx', 'Device: LAPTOP-42']);
    card = movedTo(await bot.execute(button(card, 'I have them, continue'), { scope, as: ALICE }));
    for (let step = 1; step <= 7; step++) {
      expect(textOf(card).split('\n').slice(0, 4)).toEqual(context);
      if (step === 4) card = movedTo(await bot.execute(button(card, 'A device'), { scope, as: ALICE }));
      card = movedTo(await bot.execute(button(card, step === 7 ? 'Done' : 'Next'), { scope, as: ALICE }));
    }
    expect(titleOf(card)).toBe('Undo walk-through complete');
    expect(textOf(card).split('\n').slice(0, 4)).toEqual(context);
  });

  it('reads nothing unless mentioned', async () => {
    expect((await bot.say(PASTED, { scope, mention: false })).posted).toHaveLength(0);
  });
});
