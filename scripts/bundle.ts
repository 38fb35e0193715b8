import { build, Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Bundles the compiled bot (tsc's dist/src) into one file, which is what `npm start` runs.
 *
 * Why: at start-up Node resolves, reads and compiles every module file on its own, and the bot's
 * stack is about 1,700 of them (botbuilder, adaptive-expressions, restify). One file starts in
 * about two thirds of the time and holds less memory; see docs/performance.md.
 *
 * The bundle is kept pure ASCII: V8 holds a script's whole source text for as long as it runs, and a
 * single character beyond Latin-1 anywhere makes that 5.9 MB text a two-byte string of 11 MB. esbuild
 * escapes such characters in strings but leaves them in regular expression literals, so the bot's own
 * code writes them as \u escapes and dependencies get theirs escaped here.
 */

const root = path.resolve(__dirname, '..', '..');
const outfile = path.join(root, 'dist', 'air-guidance-bot.js');
const NOT_ASCII = /[^\x00-\x7f]/;

/** A \u escape means the same character in a string, a regular expression, a template or an identifier. */
const escapeNonAscii = (code: string): string => code.replace(new RegExp(NOT_ASCII, 'g'), (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

const asciiDependencies: Plugin = {
  name: 'ascii-dependencies',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, async ({ path: file }) => {
      const code = await readFile(file, 'utf8');
      return NOT_ASCII.test(code) ? { contents: escapeNonAscii(code), loader: 'js' } : undefined;
    });
  },
};

async function bundle(): Promise<void> {
  await build({
    entryPoints: [path.join(root, 'dist', 'src', 'index.js')],
    // `npm start` runs this file; so do the tests and the benchmark (tools/botProcess.ts).
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    // whatwg-url (under node-fetch) asks for Node's own punycode, deprecated since Node 22 (DEP0040):
    // the userland package of the same code serves it instead.
    alias: { punycode: 'punycode/' },
    // Less source text for V8 to hold; names are kept, so stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    plugins: [asciiDependencies],
    external: [
      // A native addon: loaded from node_modules as it is.
      'better-sqlite3',
      // Only with APPLICATIONINSIGHTS_CONNECTION_STRING, loaded lazily then (src/ops/telemetryExport.ts).
      '@azure/monitor-opentelemetry',
      // restify's optional DTrace probes: a native addon it tries to load and does without.
      'dtrace-provider',
    ],
    logLevel: 'warning',
  });
  const stray = new RegExp(`.{0,60}${NOT_ASCII.source}`).exec(await readFile(outfile, 'utf8'));
  if (stray) throw new Error(`the bundle is not ASCII (write the character as a \\u escape): ...${stray[0]}`);
}

bundle().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
