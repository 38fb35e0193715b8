import fc from 'fast-check';
import { displayName } from '../../src/core/evidence/defanging/displayName';

/**
 * Names in every script keep their letters and marks and come out NFC; what hides or reorders text,
 * markup and symbols go; emoji stay whole or go whole; a dot inside a word is defanged.
 */

const MAX = 60;
const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
const RAINBOW_FLAG = '\u{1F3F3}\uFE0F\u200D\u{1F308}';
const THUMBS_UP_MEDIUM = '\u{1F44D}\u{1F3FD}';
const FLAG_FR = '\u{1F1EB}\u{1F1F7}';
const ENGLAND = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}';

const CASES: [string, unknown, string][] = [
  // Scripts whose letters carry marks: kept as written.
  ['Devanagari', 'प्रिया शर्मा', 'प्रिया शर्मा'],
  ['Vietnamese, precomposed', 'Nguyễn Văn An', 'Nguyễn Văn An'],
  ['Vietnamese, decomposed: composed to NFC', 'Nguye\u0302\u0303n Va\u0306n', 'Nguyễn Văn'],
  ['Arabic with its points', 'مُحَمَّد عَلِي', 'مُحَمَّد عَلِي'],
  ['Hebrew with its points', 'שָׁלוֹם כֹּהֵן', 'שָׁלוֹם כֹּהֵן'],
  ['Thai', 'สมชาย ใจดี', 'สมชาย ใจดี'],
  ['Korean, decomposed Hangul: composed to syllables', '\u1100\u1175\u11B7 \u1106\u1175\u11AB\u1109\u116E', '김 민수'],
  ['Tamil', 'செல்வி', 'செல்வி'],
  ['Chinese', '王小明', '王小明'],
  ['Latin with apostrophes and hyphens', "Siobhán O'Brien-Ó Dálaigh", "Siobhán O'Brien-Ó Dálaigh"],
  ['a typographic apostrophe', 'D\u2019Angelo', 'D\u2019Angelo'],
  // Hidden and reordering characters: removed, the letters around them kept.
  ['bidi override (a reversed name)', 'Eve\u202Egnp.exe\u202C', 'Evegnp[.]exe'],
  ['bidi isolates and marks', '\u2066Alice\u2069 \u200FBob\u200E', 'Alice Bob'],
  ['zero-width space, joiner, non-joiner, word joiner, BOM', 'Al\u200Bi\u200Dc\u200Ce\u2060\uFEFF', 'Alice'],
  ['soft hyphen and tag characters', 'Ma\u00ADry\u{E0041}\u{E0042}', 'Mary'],
  ['control characters', 'Al\u0000i\u0007ce\u001B[31m', 'Alice31m'],
  ['a line break and tabs read as one space', 'Alice\r\n\tBob', 'Alice Bob'],
  ['a no-break and an ideographic space', 'Alice\u00A0Bob\u3000Carol', 'Alice Bob Carol'],
  ['lone surrogates', 'Al\uD800ice\uDFFF', 'Alice'],
  ['a mark whose letter was removed goes with it', '<\u0301Alice', 'Alice'],
  ['a mark at the start', '\u0301\u0308Bob', 'Bob'],
  ['a joiner removed between a letter and its mark: they compose', 'Jose\u200D\u0301', 'José'],
  ['a zero-width space parts a mark from its letter: the mark goes', 'Jose\u200B\u0301', 'Jose'],
  ['Zalgo text: at most 8 marks on a letter', `Z${'\u0336'.repeat(40)}oe`, `Z${'\u0336'.repeat(8)}oe`],
  // Emoji: whole or not at all.
  ['a family ZWJ sequence, whole', `Dana ${FAMILY}`, `Dana ${FAMILY}`],
  ['a rainbow flag, whole', `${RAINBOW_FLAG} Sam`, `${RAINBOW_FLAG} Sam`],
  ['a skin tone, a flag and a subdivision flag, whole', `Lou ${THUMBS_UP_MEDIUM}${FLAG_FR}${ENGLAND}`, `Lou ${THUMBS_UP_MEDIUM}${FLAG_FR}${ENGLAND}`],
  ['a ZWJ sequence that is not an emoji: removed whole', 'Kim \u{1F3F3}\u200D\u{1F308}\u200D\u{1F415}', 'Kim'],
  ['an emoji flag smuggling hidden tag text: removed whole', `Ann \u{1F3F4}${[...'ignore'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('')}\u{E007F}`, 'Ann'],
  ['keycaps of * and #: removed', 'Ro *\uFE0F\u20E3 #\uFE0F\u20E3', 'Ro'],
  ['the cut at the length limit never halves an emoji', `${'a'.repeat(MAX - 3)} ${FAMILY}`, 'a'.repeat(MAX - 3)],
  ['the cut never parts a letter from its marks', `${'a'.repeat(MAX - 1)}q\u0301`, 'a'.repeat(MAX - 1)],
  // Markup, templates and links: nothing survives as such.
  ['a template expression', '${string(1+1)} Eve', 'string11 Eve'],
  ['a markdown link', '[x](https://evil.example) **Eve**', 'xhttpsevil[.]example Eve'],
  ['HTML and a mention', '<at>Everyone</at><script>', 'atEveryoneatscript'],
  ['a bare domain', 'www.evil.com', 'www[.]evil[.]com'],
  ['a domain after a name', 'Eve evil.com', 'Eve evil[.]com'],
  ['a URL', 'http://x.y', 'httpx[.]y'],
  ['an address', 'eve@evil.example', 'eveevil[.]example'],
  ['an IPv4 address', 'Eve 10.0.0.1', 'Eve 10[.]0[.]0[.]1'],
  ['an already defanged name stays as it is', 'www[.]evil[.]com', 'www[.]evil[.]com'],
  ['initials and a closing dot are not defanged', 'J. R. Smith Jr.', 'J. R. Smith Jr.'],
  // Nothing left.
  ['only symbols', '$$$ ***', ''],
  ['only hidden characters', '\u202E\u200B\u0000', ''],
  ['not a string', 42, ''],
  ['spaces around and between', '  Alice    Bob  ', 'Alice Bob'],
];

test.each(CASES)('%s', (_case, raw, shown) => {
  expect(displayName(raw, MAX)).toBe(shown);
});

test('every result is NFC and carries no hidden, markup or link character', () => {
  for (const [, raw] of CASES) {
    const shown = displayName(raw, MAX);
    expect(shown).toBe(shown.normalize('NFC'));
    expect(shown).not.toMatch(/[\p{Cc}\p{Cs}<>`*_~|#()\\{}$@/:]|\$\{|\]\(/u);
    expect(shown).not.toMatch(/[^\s.[]\.[^\s.\]]/u);
  }
});

test('cleaning a cleaned name changes nothing (names read back from storage are cleaned again)', () => {
  for (const [, raw] of CASES) {
    const shown = displayName(raw, MAX);
    expect(displayName(shown, MAX)).toBe(shown);
  }
});

test('names already clean come out as the full walk over them would make them', () => {
  // A zero-width space at the end sends a name the long way round; it is removed there.
  for (const [, raw] of CASES) {
    if (typeof raw === 'string') expect(displayName(raw, MAX)).toBe(displayName(`${raw}\u200B`, MAX));
  }
  expect(displayName(`Zo${'\u0336'.repeat(9)}e`, MAX)).toBe(`Zo${'\u0336'.repeat(8)}e`);
});

test('a long name is read only from its start, and cut to the limit', () => {
  const shown = displayName(`${'Ab '.repeat(100_000)}`, MAX);
  expect(shown.length).toBeLessThanOrEqual(MAX);
  expect(shown.startsWith('Ab Ab')).toBe(true);
});

/** Pieces names are made of, hostile ones included, so that random names hit every rule. */
const PIECES = ['a', 'Z', '7', ' ', '.', 'e\u0301', '\u0301', 'प्रि', 'ễ', '\u1100\u1161', 'ก\u0e35', 'ש\u05b8', FAMILY, RAINBOW_FLAG, '\u200D', '\u200B', '\u202E', '\u2066', '\uFEFF', '\u0000', '\n', '\uD800', '\uDC00', '\u{E0041}', '*\uFE0F\u20E3', '[', ']', '(', ')', '${', '}', '<', '>', '*', '_', '`', '@', ':', '/', 'www', 'com'];
const name = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((parts) => parts.join('')));

test('any name: at most the limit, NFC, cleaned again unchanged, and nothing hidden, markup or linkable but whole emoji', () => {
  fc.assert(
    fc.property(name, fc.integer({ min: 1, max: 100 }), (raw, max) => {
      const shown = displayName(raw, max);
      expect(shown.length).toBeLessThanOrEqual(max);
      expect(shown).toBe(shown.normalize('NFC'));
      expect(displayName(shown, max)).toBe(shown);
      expect(shown).not.toMatch(/^ | $|  /);
      const besidesEmoji = shown.replace(new RegExp('\\p{RGI_Emoji}', 'gv'), '').replaceAll('[.]', '.');
      expect(besidesEmoji).not.toMatch(/[\p{Cf}\p{Cc}\p{Cs}<>`*_~|#()\\{}$@/:[\]]/u);
      expect(shown.replaceAll('[.]', '')).not.toMatch(/[^ .]\.[^ .]/u);
    }),
    { numRuns: 2_000 },
  );
});

test('no character below the first emoji character is an emoji on its own (the quick path for one-character graphemes relies on it)', () => {
  const emoji = new RegExp('^\\p{RGI_Emoji}$', 'v');
  const below = Array.from({ length: 0x231a }, (_, code) => String.fromCharCode(code)).filter((c) => !/\p{Cs}/u.test(c));
  expect(below.filter((c) => emoji.test(c))).toEqual([]);
  expect(emoji.test('\u231A')).toBe(true);
  expect(displayName('Bob \u231A', MAX)).toBe('Bob \u231A');
});
