/**
 * Top-level domains accepted for a bare, undefanged `name.tld`. A short list on purpose: prose
 * such as `e.g.`, `clean.Thanks` or `v1.2` must not read as a domain. Words that often follow a
 * missing space (`name`, `live`, `one`, `today`, ...) are left out. A defanged or schemed value
 * shows intent and may use any alphabetic TLD.
 */
export const KNOWN_TLDS: ReadonlySet<string> = new Set([
  // generic
  'com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'io', 'co', 'ai', 'app', 'dev',
  'xyz', 'online', 'site', 'tech', 'cloud', 'top', 'club', 'shop', 'store', 'icu', 'buzz', 'mobi',
  // country codes often seen in mail and phishing
  'us', 'uk', 'de', 'fr', 'nl', 'ru', 'cn', 'jp', 'br', 'in', 'au', 'ca', 'es', 'it', 'pl', 'se',
  'ch', 'at', 'be', 'dk', 'no', 'fi', 'ie', 'nz', 'za', 'mx', 'ar', 'kr', 'tw', 'hk', 'sg', 'ua',
  'cz', 'gr', 'pt', 'hu', 'ro', 'tr', 'il', 'vn', 'id', 'th', 'my', 'ph', 'eu', 'ly', 'ws', 'su',
  'tk', 'ml', 'ga', 'cf', 'gq', 'cc', 'tv', 'me', 'to', 'pw', 'ir', 'kz', 'by', 'lt', 'lv', 'ee',
  'sk', 'si', 'hr', 'rs', 'bg', 'lu', 'is', 'ng', 'ke', 'eg', 'sa', 'ae', 'pk', 'bd', 'cl', 'pe',
  // reserved and internal names used in examples and on corporate networks
  'example', 'test', 'invalid', 'local', 'corp', 'lan', 'internal',
]);
