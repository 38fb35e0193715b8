import { BRANCHES, ITEMS, ITEM_IDS, SCENARIOS, SCENARIO_IDS, VERDICTS, VERDICT_IDS } from '../../src/core/content';
import { ALICE, BotHarness, TurnResult } from '../support/botHarness';
import { button, buttonsOf, cardOf, Json, textOf, titleOf } from '../../tools/cardReader';
import { MemoryStateStore } from '../../src/storage/memory/memoryStateStore';

/** The whole conversation as an analyst lives it in a 1:1 chat, through the real bot and the SDK's TestAdapter. */

const onlyPosted = (result: TurnResult): Json => {
  expect(result.posted).toHaveLength(1);
  return cardOf(result.posted[0]);
};

/** The card an `Action.Execute` click put in place of the clicked one. */
const replacedBy = (result: TurnResult): Json => {
  expect(result.invokeResponse?.status).toBe(200);
  const body = result.invokeResponse!.body;
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(result.posted).toHaveLength(0);
  return body.value as Json;
};

let bot: BotHarness;
beforeEach(() => {
  bot = new BotHarness();
});

describe('commands', () => {
  it.each([
    ['help', 'What I can do'],
    ['HELP', 'What I can do'],
    ['  Help!  ', 'What I can do'],
    ['report', 'Report to Microsoft: which item?'],
    ['Report', 'Report to Microsoft: which item?'],
    ['adjust', 'Stop an alert from recurring'],
    ['undo', 'Undo a remediation: check your permissions first'],
    ['UNDO', 'Undo a remediation: check your permissions first'],
    ['cancel', 'Ready when you are'],
    ['start over', 'Ready when you are'],
    ['what is this?', 'What I can do'],
    ['', 'What I can do'],
    ['x'.repeat(100_000), 'What I can do'],
  ])('%j shows "%s"', async (text, title) => {
    expect(titleOf(onlyPosted(await bot.say(text)))).toBe(title);
  });

  it('the help card offers the three ways in', async () => {
    const card = onlyPosted(await bot.say('nonsense'));
    expect(buttonsOf(card).map((b) => b.title)).toEqual(['Report something', 'Adjust an alert', 'Undo a remediation']);
  });

  it('welcomes the team when the bot is added, and stays quiet when someone else joins', async () => {
    const added = await bot.send({ type: 'conversationUpdate', membersAdded: [{ id: '28:air-bot', name: 'AIR Guide' }] });
    expect(titleOf(onlyPosted(added))).toBe('AIR false positive and false negative helper');
    const someoneElse = await bot.send({ type: 'conversationUpdate', membersAdded: [{ id: '29:carol', name: 'Carol' }] });
    expect(someoneElse.posted).toHaveLength(0);
  });
});

describe('report: every item with both verdicts', () => {
  const cases = ITEM_IDS.flatMap((item) => VERDICT_IDS.map((verdict) => ({ item, verdict })));

  /** Where each item is reported today: the Submissions page's tab and its address. */
  const TODAY_TAB: Readonly<Record<string, [string, string]>> = {
    'email-message': ['Emails', 'https://security.microsoft.com/reportsubmission?viewid=email'],
    'email-attachment': ['Email attachments', 'https://security.microsoft.com/reportsubmission?viewid=emailAttachment'],
    'url-in-email': ['URLs', 'https://security.microsoft.com/reportsubmission?viewid=url'],
    'url-in-office-file': ['URLs', 'https://security.microsoft.com/reportsubmission?viewid=url'],
    'file-on-device': ['Files', 'https://security.microsoft.com/reportsubmission?viewid=file'],
  };
  /** What the analyst picks in today's form, by verdict (files on devices have their own form). */
  const TODAY_CHOICES = {
    'wrongly-detected': { messages: ['**It appears clean**', "**I've confirmed it's clean**", 'Allow this'], files: ['**Clean**'] },
    missed: { messages: ['**It appears suspicious**', "**I've confirmed it's a threat**", '**Phish**', '**Malware**', '**Spam**'], files: ['**Malware**'] },
  } as const;

  it.each(cases)('$item, $verdict: today\'s tab, button and choice first, the article\'s service and action beside them', async ({ item, verdict }) => {
    const question = onlyPosted(await bot.say('report'));
    const verdictQuestion = replacedBy(await bot.execute(button(question, ITEMS[item].label)));
    expect(titleOf(verdictQuestion)).toBe(`Report to Microsoft: ${ITEMS[item].label}`);

    const answer = replacedBy(await bot.execute(button(verdictQuestion, new RegExp(`^${VERDICTS[verdict].label}`))));
    const text = textOf(answer);
    expect(titleOf(answer)).toBe(`${ITEMS[item].label}: ${VERDICTS[verdict].label}`);
    expect(text).toContain(VERDICTS[verdict].term);
    expect(text.indexOf("In today's portal")).toBeGreaterThan(-1);
    expect(text.indexOf("In today's portal")).toBeLessThan(text.indexOf('In the 2020 article'));
    const [tab, url] = TODAY_TAB[item];
    expect(text).toContain(`**${tab}** tab`);
    expect(text).toContain(item === 'file-on-device' ? '**Add new submission**' : '**Submit to Microsoft for analysis**');
    for (const choice of TODAY_CHOICES[verdict][item === 'file-on-device' ? 'files' : 'messages']) expect(text).toContain(choice);
    if (verdict === 'missed') expect(text).not.toMatch(/Allow this/);
    for (const service of ITEMS[item].services) {
      expect(text).toContain(service.articleName);
      expect(text).toContain(service.todayName);
    }
    expect(text).toContain(`[${ITEMS[item].action.articleText}](${ITEMS[item].action.articleUrl})`);
    expect(button(answer, `Open Submissions: ${tab}`)).toMatchObject({ type: 'Action.OpenUrl', url, style: 'positive' });
    expect(button(answer, "Article's guide (2020)").url).toBe(ITEMS[item].action.articleUrl);
    const next = verdict === 'wrongly-detected' ? ['Undo a remediation', 'Stop the alert recurring'] : ['Report something else'];
    expect(buttonsOf(answer).filter((b) => b.type === 'Action.Execute').map((b) => b.title)).toEqual(next);
  });

  it('works the same with the Submit fallback: each click updates the card it came from', async () => {
    const asked = await bot.say('report');
    const question = onlyPosted(asked);
    const picked = await bot.submit(button(question, 'URL in an email message'));
    expect(picked.posted).toHaveLength(0);
    expect(picked.updated).toHaveLength(1);
    expect(picked.updated[0].id).toBe(asked.posted[0].id);
    const verdictQuestion = cardOf(picked.updated[0]);
    const answered = await bot.submit(button(verdictQuestion, /^AIR wrongly detected it/));
    expect(textOf(cardOf(answered.updated[0]))).toContain('Office 365 Advanced Threat Protection');
  });

  it('"Choose another item" goes back to the item question', async () => {
    const question = onlyPosted(await bot.say('report'));
    const verdictQuestion = replacedBy(await bot.execute(button(question, 'Email attachment')));
    expect(titleOf(replacedBy(await bot.execute(button(verdictQuestion, 'Choose another item'))))).toBe('Report to Microsoft: which item?');
  });
});

describe('adjust: every scenario', () => {
  const TODAY: Readonly<Record<string, { words: string[]; open: [string, string] }>> = {
    'legitimate-use': {
      words: ['**Alert tuning**', '**Add new rule**', '**Tune alert**', '**Hide alert**', '**Resolve alert**', '**Informational, expected activity**', 'Detection tuning (manage)'],
      open: ['Open the alert queue', 'https://security.microsoft.com/alerts'],
    },
    'inaccurate-alert': {
      words: ['**Alert tuning**', '**Manage alert**', '**False positive**', 'Detection tuning (manage)', 'Cloud Apps'],
      open: ['Open the alert queue', 'https://security.microsoft.com/alerts'],
    },
    'malware-on-device': {
      words: ['**Indicators**', '**Add item**', '**Allow**', 'only for an item you know is clean (a false positive)'],
      open: ['Open Indicators', 'https://security.microsoft.com/securitysettings/endpoints/custom_ti_indicators'],
    },
  };

  it.each(SCENARIO_IDS)('%s: today\'s place first, the article\'s row beside it', async (scenario) => {
    const question = onlyPosted(await bot.say('adjust'));
    const answer = replacedBy(await bot.execute(button(question, SCENARIOS[scenario].shortLabel)));
    const text = textOf(answer);
    expect(text).toContain(SCENARIOS[scenario].label);
    expect(text.indexOf("In today's portal")).toBeLessThan(text.indexOf('In the 2020 article'));
    for (const words of TODAY[scenario].words) expect(text).toContain(words);
    for (const service of SCENARIOS[scenario].services) expect(text).toContain(service.articleName);
    expect(text).toContain(SCENARIOS[scenario].action.articleText);
    const [title, url] = TODAY[scenario].open;
    expect(button(answer, title)).toMatchObject({ url, style: 'positive' });
    expect(button(answer, "Article's guide (2020)").url).toBe(SCENARIOS[scenario].action.articleUrl);
  });

  it('a menu button on an answer card starts something new below it', async () => {
    const question = onlyPosted(await bot.say('adjust'));
    const answer = replacedBy(await bot.execute(button(question, SCENARIOS['inaccurate-alert'].shortLabel)));
    const next = await bot.execute(button(answer, 'Undo a remediation'));
    expect(next.invokeResponse?.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(titleOf(onlyPosted(next))).toBe('Undo a remediation: check your permissions first');
  });
});

describe('undo walk-through', () => {
  async function walkToStep(step: number): Promise<Json> {
    let card = onlyPosted(await bot.say('undo'));
    card = replacedBy(await bot.execute(button(card, 'I have them, continue')));
    for (let at = 1; at < step; at++) {
      if (at === 4) card = replacedBy(await bot.execute(button(card, BRANCHES.device.label)));
      card = replacedBy(await bot.execute(button(card, 'Next')));
    }
    return card;
  }

  it('starts with the permissions warning naming the roles for device and email remediation', async () => {
    const card = onlyPosted(await bot.say('undo'));
    const text = textOf(card);
    expect(text).toContain('Active remediation actions');
    expect(text).toContain('Search and Purge');
    expect(text).toMatch(/permissions below/);
    // Today's roles first, the article's beside them.
    expect(text.indexOf("In today's portal")).toBeLessThan(text.indexOf('In the 2020 article'));
    for (const role of ['Microsoft Entra **Security Administrator**', '**Search and Purge**', '**Security operations \\ Security data \\ Response (manage)**', '**Email & collaboration advanced actions (manage)**']) {
      expect(text).toContain(role);
    }
    expect(text).toContain('Since 1 September 2026, device investigations live in incidents');
    expect(buttonsOf(card).map((b) => b.title)).toEqual(['Open Action center history', 'Article: required permissions', 'I have them, continue', 'Cancel']);
    expect(button(card, 'Open Action center history').url).toBe('https://security.microsoft.com/action-center/history');
    expect(button(card, 'I have them, continue').style).toBe('positive');
  });

  it.each(['email', 'device'] as const)('walks all seven steps forwards on the %s branch, one card moved in place', async (branch) => {
    let card = onlyPosted(await bot.say('undo'));
    card = replacedBy(await bot.execute(button(card, 'I have them, continue')));
    const seen: string[] = [];
    for (let step = 1; step <= 7; step++) {
      expect(textOf(card)).toContain(`Step ${step} of 7`);
      if (step === 3) expect(textOf(card)).toContain('Tip: Use filters to narrow down the list of results.');
      if (step === 4) {
        expect(buttonsOf(card).map((b) => b.title)).not.toContain('Next');
        card = replacedBy(await bot.execute(button(card, BRANCHES[branch].label)));
        const text = textOf(card);
        // Today's place first; the article's (the retired Security & Compliance Center for email) beside it, as text only.
        expect(text.indexOf('open in the Microsoft Defender portal, under **Investigations**')).toBeGreaterThan(-1);
        expect(text.indexOf('open in the Microsoft Defender portal, under **Investigations**')).toBeLessThan(text.indexOf(BRANCHES[branch].opensIn));
        expect(text).toContain(`(${BRANCHES[branch].url})`);
        expect(button(card, 'Open Investigations').url).toBe('https://security.microsoft.com/airinvestigation');
        expect(buttonsOf(card).map((b) => b.url)).not.toContain('https://protection.office.com/threatinvestigation');
        expect(button(card, `✓ ${BRANCHES[branch].label}`).verb).toBe('undo.branch');
      }
      if (step > 4) expect(textOf(card)).toContain(`Investigation about ${BRANCHES[branch].about}.`);
      seen.push(textOf(card));
      card = replacedBy(await bot.execute(button(card, step === 7 ? 'Done' : 'Next')));
    }
    expect(titleOf(card)).toBe('Undo walk-through complete');
    const text = textOf(card);
    expect(text).toContain('Approve or reject actions related to automated investigation and response');
    expect(text).toContain('Learn more about the Action center');
    expect(text).toContain('Proactively hunt for threats with advanced hunting in Microsoft Threat Protection');
    expect(text).toContain('**Action center** > **History**, select the action, then **Undo**');
    expect(text).toContain("Selecting **Undo** (the article's **Delete remediation**)");
    expect(button(card, 'Open Action center history').url).toBe('https://security.microsoft.com/action-center/history');
    expect(button(card, 'Report it to Microsoft').style).toBe('positive');
    // Step 7: today's button first, the article's beside it.
    expect(seen[6].indexOf('Select **Undo** to undo the action.')).toBeLessThan(seen[6].indexOf('**Delete remediation**'));
    expect(seen[6]).toContain('**Delete remediation**');
  });

  it('walks backwards to the permissions card, keeping the step-4 choice', async () => {
    let card = await walkToStep(6);
    for (let step = 6; step >= 1; step--) {
      expect(textOf(card)).toContain(`Step ${step} of 7`);
      if (step === 4) expect(button(card, `✓ ${BRANCHES.device.label}`)).toBeDefined();
      card = replacedBy(await bot.execute(button(card, 'Back')));
    }
    expect(titleOf(card)).toBe('Undo a remediation: check your permissions first');
  });

  it('step 4 can switch from device to email, and later steps follow the new choice', async () => {
    let card = await walkToStep(4);
    card = replacedBy(await bot.execute(button(card, BRANCHES.email.label)));
    card = replacedBy(await bot.execute(button(card, 'Next')));
    expect(textOf(card)).toContain('Investigation about email content.');
  });

  it('cancel in the middle says what it stopped, and the next command starts fresh', async () => {
    const card = await walkToStep(3);
    const cancelled = replacedBy(await bot.execute(button(card, 'Cancel')));
    expect(titleOf(cancelled)).toBe('Stopped');
    expect(textOf(cancelled)).toContain('Cancelled the undo walk-through (at step 3 of 7).');
    // Its message now shows the Stopped card, which is anyone's: the answer comes as a new card.
    const stale = onlyPosted(await bot.execute(button(card, 'Next')));
    expect(textOf(stale)).toContain('That undo walk-through has already ended');
    expect(titleOf(onlyPosted(await bot.say('undo')))).toBe('Undo a remediation: check your permissions first');
  });

  it('typed cancel works too, and help reminds of a walk still open', async () => {
    await walkToStep(2);
    expect(textOf(onlyPosted(await bot.say('help')))).toContain('You still have the undo walk-through (at step 2 of 7) open');
    expect(textOf(onlyPosted(await bot.say('CANCEL')))).toContain('Cancelled the undo walk-through (at step 2 of 7).');
    expect(textOf(onlyPosted(await bot.say('cancel')))).toContain('Nothing is running now.');
  });

  it('an old card never moves the walk: it shows where the analyst really is', async () => {
    let card = onlyPosted(await bot.say('undo'));
    card = replacedBy(await bot.execute(button(card, 'I have them, continue')));
    const stepOne = card;
    card = replacedBy(await bot.execute(button(card, 'Next')));
    card = replacedBy(await bot.execute(button(card, 'Next')));
    const stale = replacedBy(await bot.execute(button(stepOne, 'Next')));
    expect(textOf(stale)).toContain('That card was out of date. You are at step 3 of 7.');
    expect(textOf(stale)).toContain('Step 3 of 7');
  });

  it('a card from an earlier walk never moves the new one', async () => {
    const first = onlyPosted(await bot.say('undo'));
    await bot.say('undo');
    const stale = replacedBy(await bot.execute(button(first, 'I have them, continue')));
    expect(textOf(stale)).toContain('That card is from an earlier walk-through');
    expect(titleOf(stale)).toBe('Undo a remediation: check your permissions first');
  });

  it('a restart in the middle loses nothing: a new bot on the same storage continues at the next step', async () => {
    const storage = new MemoryStateStore();
    bot = new BotHarness(storage);
    let card = await walkToStep(5);
    bot = bot.restarted();
    card = replacedBy(await bot.execute(button(card, 'Next')));
    expect(textOf(card)).toContain('Step 6 of 7');
    expect(textOf(card)).toContain(`Investigation about ${BRANCHES.device.about}.`);
  });
});

describe('bad button data: a clear answer, nothing changed, the conversation still usable', () => {
  const tampered: [string, unknown][] = [
    ['no data', {}],
    ['a string', 'undo.next'],
    ['an array', [1, 2]],
    ['an unknown verb', { verb: 'undo.skipToEnd' }],
    ['an unknown item', { verb: 'report.item', item: 'printer' }],
    ['step 99', { verb: 'undo.next', walk: 'walk-1', step: 99 }],
    ['step 8, past the last step', { verb: 'undo.next', walk: 'walk-1', step: 8 }],
    ['a step as text', { verb: 'undo.next', walk: 'walk-1', step: '2' }],
    ['a fractional step', { verb: 'undo.next', walk: 'walk-1', step: 1.5 }],
    ['an extra field', { verb: 'command', command: 'help', conversationId: 'elsewhere' }],
    ['a missing field', { verb: 'report.verdict', item: 'email-message' }],
    ['a verdict of the wrong type', { verb: 'report.verdict', item: 'email-message', verdict: 1 }],
    ['half an owner', { verb: 'command', command: 'help', owner: '29:alice' }],
  ];

  it.each(tampered)('%s', async (_name, data) => {
    let card = onlyPosted(await bot.say('undo'));
    card = replacedBy(await bot.execute(button(card, 'I have them, continue')));

    const refused = await bot.submit({ type: 'Action.Submit', title: 'x', data: data as Json });
    expect(refused.updated).toHaveLength(0);
    expect(refused.posted.map((a) => a.text)).toEqual([expect.stringMatching(/^I could not use that button: .+\. Nothing was changed; type help/)]);

    const viaInvoke = await bot.execute({ type: 'Action.Execute', title: 'x', verb: 'undo.next', data: data as Json });
    expect(viaInvoke.posted).toHaveLength(0);
    expect(viaInvoke.invokeResponse?.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: expect.stringMatching(/^I could not use that button: .+\. Nothing was changed/),
    });

    card = replacedBy(await bot.execute(button(card, 'Next')));
    expect(textOf(card)).toContain('Step 2 of 7');
  });
});

it("draws the analyst's own card with no owner on its buttons; a card an earlier version stamped with one still moves", async () => {
  const posted = await bot.say('undo', { as: ALICE });
  const next = button(onlyPosted(posted), 'I have them, continue');
  expect(next.data).not.toHaveProperty('owner');
  expect(next.data).not.toHaveProperty('ownerName');

  const stamped = { ...next, data: { ...next.data, owner: ALICE.id, ownerName: ALICE.name } };
  const moved = replacedBy(await bot.execute(stamped, { as: ALICE, replyToId: String(posted.posted[0].id) }));
  expect(textOf(moved)).toContain('Step 1 of 7');
});
