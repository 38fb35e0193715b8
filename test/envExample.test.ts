import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';

/** A newcomer sets the bot up from .env.example: every setting the bot reads must be there. */

const APP_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** Settings that lead the configuration down each of its branches (identity, token authority, each store). */
const BRANCHES: readonly Record<string, string>[] = [
  {},
  { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's3cret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT },
  { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's3cret', ToBotFromChannelOpenIdMetadataUrl: 'https://login.example/.well-known', ToBotFromChannelTokenIssuer: 'https://issuer.example' },
  { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', AZURE_STORAGE_CONTAINER: 'state' },
  { STORAGE: 'memory', ALLOWED_TENANT_IDS: TENANT },
];

/** The names the bot's configuration asks for, whatever it finds there. */
function variablesRead(): Set<string> {
  const read = new Set<string>();
  for (const settings of BRANCHES) {
    const watched = new Proxy(settings, {
      get: (target, name) => {
        if (typeof name === 'string') read.add(name);
        return target[name as string];
      },
    });
    loadConfig(watched);
  }
  return read;
}

function documentedVariables(): Set<string> {
  const text = readFileSync(path.join(__dirname, '..', '.env.example'), 'utf8');
  return new Set([...text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((match) => match[1]));
}

describe('.env.example', () => {
  it('lists every variable the bot reads, under each configuration branch', () => {
    const read = variablesRead();
    // The probe itself works: without these, the last line could pass on a configuration that read nothing.
    expect([...read]).toEqual(expect.arrayContaining(['PORT', 'MicrosoftAppTenantId', 'ToBotFromChannelTokenIssuer', 'AZURE_STORAGE_CONTAINER', 'STATE_TTL_HOURS']));
    const documented = documentedVariables();
    expect([...read].filter((name) => !documented.has(name))).toEqual([]);
  });

  it('holds no secret: the app password and the storage and telemetry connection strings are left empty', () => {
    const text = readFileSync(path.join(__dirname, '..', '.env.example'), 'utf8');
    expect(text).toMatch(/^MicrosoftAppPassword=$/m);
    expect(text).toMatch(/^AZURE_STORAGE_CONNECTION_STRING=$/m);
    expect(text).toMatch(/^APPLICATIONINSIGHTS_CONNECTION_STRING=$/m);
  });
});
