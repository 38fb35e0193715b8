import { buildSync } from 'esbuild';
import path from 'node:path';

/**
 * Bundles the compiled bot (tsc's dist/src) into one file, which is what `npm start` runs.
 *
 * Why: at start-up Node resolves, reads and compiles every module file on its own, and the bot's
 * stack is about 1,700 of them (botbuilder, adaptive-expressions, restify). One file starts in
 * about two thirds of the time and holds less memory; see README "Performance".
 */

const root = path.resolve(__dirname, '..', '..');

buildSync({
  entryPoints: [path.join(root, 'dist', 'src', 'index.js')],
  // `npm start` runs this file; so do the tests and the benchmark (tools/botProcess.ts).
  outfile: path.join(root, 'dist', 'air-guidance-bot.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Less source text for V8 to hold; names are kept, so stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
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
