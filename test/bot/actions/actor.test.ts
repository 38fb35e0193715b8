import type { ConversationAccount } from 'botbuilder-core';
import { actorOf } from '../../../src/bot/turns/actor';

/** The analyst's and the thread's names an action's comment in Defender carries: cleaned as the record cleans them. */

test('names in any script are kept with their marks, in NFC, and a domain in a thread name is defanged', () => {
  const actor = actorOf({
    from: { id: '29:a', name: 'Nguye\u0302\u0303n Va\u0306n An' },
    conversation: { id: '19:t@thread.tacv2', name: 'प्रिया की टीम: phish.example.com \u202Eexe', isGroup: true, conversationType: 'channel' },
  });
  expect(actor.analyst).toBe('Nguyễn Văn An');
  expect(actor.threadName).toBe('प्रिया की टीम phish[.]example[.]com exe');
});

test('a thread name with nothing showable falls back to where it is, not to a person', () => {
  expect(actorOf({ from: { id: '29:a', name: 'A' }, conversation: { id: '19:t', name: '$$$ \u200B', isGroup: true, conversationType: 'channel' } }).threadName).toBe('a Teams chat');
  expect(actorOf({ from: { id: '29:a', name: 'A' }, conversation: { id: 'a:1', conversationType: 'personal', isGroup: false } as ConversationAccount }).threadName).toBe('a personal chat with the bot');
});

test('a long thread name is cut at 80 characters without halving an emoji', () => {
  const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
  const { threadName } = actorOf({ from: { id: '29:a', name: 'A' }, conversation: { id: '19:t', name: `${'a'.repeat(76)} ${family}`, isGroup: true, conversationType: 'channel' } });
  expect(threadName).toBe('a'.repeat(76));
});
