import { smallTalkReply } from '../../src/core/smallTalk';

describe('small talk', () => {
  it.each([
    ['thanks!', "You're welcome."],
    ['Thank you so much', "You're welcome."],
    ['ok great, cheers', "You're welcome."],
    ['ok', 'Good.'],
    ['great, that worked', 'Good.'],
    ['👍', 'Good.'],
    ['hi', 'Hello.'],
    ['good morning team', 'Hello.'],
  ])('%j gets one short line', (text, start) => {
    expect(smallTalkReply(text)).toMatch(new RegExp(`^${start}`));
  });

  it.each([
    'thanks, but hxxp://evil[.]com/x was not blocked',
    'ok so the alert keeps firing',
    'thanks for the email',
    'constructor',
    'help',
    'stop',
    '',
    'ok '.repeat(30),
  ])('%j is more than small talk', (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });
});
