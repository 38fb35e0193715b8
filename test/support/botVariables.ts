import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';

/**
 * The environment variables the bot reads, found two ways so that neither a new reader nor a new
 * pattern slips by: its source is scanned (`env.NAME`, `env['NAME']`, and config.ts's readers:
 * `value(env, 'NAME')`, `integer(env, NAME_CONSTANT, ...)` and the like), and loadConfig is run
 * over several environments through a proxy that records every name it asks for.
 */

const SOURCE_ROOT = path.join(__dirname, '..', '..', 'src');

const READS = [
  /\benv\.([A-Za-z_][A-Za-z0-9_]*)/g,
  /\benv\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\]/g,
  /\(\s*env\s*,\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]/g,
];
/** A reader given a constant: `(env, APPLICATION_INSIGHTS)`, with `const APPLICATION_INSIGHTS = '...'` in the file. */
const READ_OF_CONSTANT = /\(\s*env\s*,\s*([A-Z][A-Z0-9_]*)\s*[,)]/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

export function variablesInSource(): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles(SOURCE_ROOT)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const pattern of READS) for (const match of text.matchAll(pattern)) found.add(match[1]);
    for (const match of text.matchAll(READ_OF_CONSTANT)) {
      const constant = new RegExp(`const ${match[1]}\\s*=\\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]`).exec(text);
      if (constant) found.add(constant[1]);
    }
  }
  return found;
}

const APP_ID = '0c6a2f4e-3b1d-4e8f-9a57-6d2c1b0e9f83';
const TENANT_ID = '9b1e4c7a-2d3f-4a6b-8c5d-7e0f1a2b3c4d';

/** Environments that between them take every branch of loadConfig that reads a variable. */
const ENVIRONMENTS: Record<string, string>[] = [
  {},
  { MicrosoftAppId: APP_ID, MicrosoftAppType: 'MultiTenant', MicrosoftAppPassword: 'not-a-real-secret' },
  { MicrosoftAppId: APP_ID, MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: TENANT_ID },
  { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_ID },
  { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', ToBotFromChannelOpenIdMetadataUrl: 'https://login.example/.well-known', ToBotFromChannelTokenIssuer: 'https://issuer.example' },
  { STORAGE: 'sqlite' },
  { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', AZURE_STORAGE_CONTAINER: 'state' },
  { STORAGE: 'blob', AZURE_STORAGE_ACCOUNT_URL: 'https://example.blob.core.windows.net', AZURE_CLIENT_ID: APP_ID, AZURE_STORAGE_CONTAINER: 'state' },
  { STORAGE: 'memory', ALLOWED_TENANT_IDS: TENANT_ID },
  { DIRECT_ACTIONS: 'on', OAUTH_CONNECTION_NAME: 'graph' },
];

/** The names loadConfig asks for, whatever it finds there (also what .env.example must document). */
export function variablesLoadConfigAsksFor(): Set<string> {
  const asked = new Set<string>();
  for (const values of ENVIRONMENTS) {
    const recording = new Proxy(values, {
      get: (target, name) => {
        if (typeof name === 'string') asked.add(name);
        return target[name as string];
      },
    });
    try {
      loadConfig(recording);
    } catch {
      // An environment a newer config.ts refuses still shows what it asked for before refusing.
    }
  }
  return asked;
}

/** Every variable the bot reads, by either way of finding them. */
export const variablesTheBotReads = (): Set<string> => new Set([...variablesInSource(), ...variablesLoadConfigAsksFor()]);
