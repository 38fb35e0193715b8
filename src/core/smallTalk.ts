import { parseCommand } from './commands';
import { toWords } from './evidence/phrasing/cues';

/**
 * Small talk ("thanks", "ok great", "morning all"): answered with one short line, not a card.
 * A message counts only when every word is small talk, so anything with content is read as usual.
 */

type Kind = 'thanks' | 'greeting' | 'acknowledgement';

const WORDS: ReadonlyMap<string, Kind> = new Map([
  ...['thanks', 'thank', 'thx', 'ty', 'tysm', 'cheers', 'ta', 'appreciated', 'appreciate'].map((w) => [w, 'thanks'] as const),
  ...['hi', 'hello', 'hey', 'hiya', 'morning', 'afternoon', 'evening', 'yo'].map((w) => [w, 'greeting'] as const),
  ...[
    'ok', 'okay', 'k', 'kk', 'great', 'cool', 'nice', 'perfect', 'awesome', 'super', 'brilliant', 'excellent',
    'good', 'got', 'it', 'noted', 'understood', 'sounds', 'makes', 'sense', 'will', 'do', 'yes', 'yep', 'yeah',
    'sure', 'np', 'lol', 'bye', 'later', 'see', 'ya', 'that', 'worked', 'works', 'helps', 'helped', 'helpful',
    'you', 'so', 'much', 'very', 'a', 'lot', 'all', 'team', 'everyone', 'mate', 'again', 'for', 'the', 'help',
    'bot', 'there',
  ].map((w) => [w, 'acknowledgement'] as const),
]);

/** Longer messages are never small talk: nothing long is scanned word by word here. */
const MAX_WORDS = 8;
const MAX_CHARS = 80;

const REPLIES: Readonly<Record<Kind, string>> = {
  thanks: "You're welcome. Paste the next alert, URL, file name or hash whenever you need me.",
  greeting: 'Hello. Paste what you are looking at (an alert, a URL, a file name or hash) or type help to see what I can do.',
  acknowledgement: "Good. I'm here when you need me: paste what you see, or type help.",
};

/** The line to answer small talk with, or undefined when the message is more than small talk or a command. */
export function smallTalkReply(text: string): string | undefined {
  if (text.length > MAX_CHARS || text.trim() === '' || parseCommand(text) !== undefined) return undefined;
  const words = toWords(text);
  if (words.length > MAX_WORDS) return undefined;
  const kinds = words.map((w) => WORDS.get(w));
  // A message of emoji or punctuation only ("👍", "!!") is an acknowledgement too.
  if (kinds.some((k) => k === undefined)) return undefined;
  const kind = kinds.includes('thanks') ? 'thanks' : kinds.includes('greeting') ? 'greeting' : 'acknowledgement';
  return REPLIES[kind];
}
