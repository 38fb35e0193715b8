import { readFileSync } from 'node:fs';
import path from 'node:path';
import { variablesLoadConfigAsksFor } from './support/botVariables';

/** A newcomer sets the bot up from .env.example: every setting the bot reads must be there. */

function documentedVariables(): Set<string> {
  const text = readFileSync(path.join(__dirname, '..', '.env.example'), 'utf8');
  return new Set([...text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((match) => match[1]));
}

describe('.env.example', () => {
  it('lists every variable the bot reads, under each configuration branch', () => {
    const read = variablesLoadConfigAsksFor();
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
