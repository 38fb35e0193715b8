/// <reference types="jest" />  // tsconfig limits global types to node
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { AppManifestUtils, TeamsManifest } from '@microsoft/app-manifest';
import { buildAppPackage } from '../../scripts/package';
import { decodeRgba, readHeader } from './png';

// @microsoft/app-manifest requires strip-bom, which is ESM only and Jest's CommonJS runtime cannot
// load it; these tests never read a manifest through it, so a CommonJS stand-in is enough.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

type Schema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

interface CommandList {
  scopes: string[];
  commands: { title: string; description?: string }[];
}

const manifestDir = path.resolve(__dirname, '..', '..', 'manifest');
const committed = JSON.parse(fs.readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'));
const packageRoot = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
const teamsSchemas = path.join(packageRoot, 'build', 'json-schemas', 'teams');

const BOT_ID = '6f1c2a9e-3b7d-4e21-9a55-0c8d4f7e1b23';
const SCOPES = ['personal', 'team', 'groupChat'];
const COMMANDS = ['adjust', 'cancel', 'help', 'record', 'report', 'undo'];

function bundledSchemaFor(schemaUrl: string): Schema {
  const match = /^https:\/\/developer\.microsoft\.com\/json-schemas\/(teams\/v[\d.]+\/MicrosoftTeams\.schema\.json)$/.exec(schemaUrl);
  if (!match) throw new Error(`$schema is not a bundled Teams schema URL: ${schemaUrl}`);
  return JSON.parse(fs.readFileSync(path.join(packageRoot, 'build', 'json-schemas', match[1]), 'utf8')) as Schema;
}

function validate(manifest: unknown): Promise<string[]> {
  const { $schema } = manifest as { $schema: string };
  return AppManifestUtils.validateAgainstSchema(manifest as TeamsManifest, bundledSchemaFor($schema));
}

function packageWith(env: Record<string, string>): AdmZip {
  return new AdmZip(buildAppPackage(manifestDir, env));
}

describe('committed manifest', () => {
  it('declares the newest stable manifest version bundled with @microsoft/app-manifest', () => {
    const versions = fs
      .readdirSync(teamsSchemas)
      .filter((name) => /^v1\.\d+$/.test(name))
      .map((name) => Number(name.slice('v1.'.length)));
    const newest = `1.${Math.max(...versions)}`;
    expect(newest).toBe('1.30');
    expect(committed.manifestVersion).toBe(newest);
    expect(committed.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${newest}/MicrosoftTeams.schema.json`);
  });

  it('validates against the bundled schema with zero errors', async () => {
    expect(await validate(committed)).toEqual([]);
  });

  it('is checked for real: a too-long short name is rejected', async () => {
    const broken = { ...committed, name: { ...committed.name, short: 'x'.repeat(31) } };
    expect(await validate(broken)).toEqual([expect.stringContaining('/name/short must NOT have more than 30 characters')]);
  });

  it('offers one bot in personal, team and group chat scopes', () => {
    expect(committed.bots).toHaveLength(1);
    expect(committed.bots[0].scopes).toEqual(SCOPES);
  });

  it.each(SCOPES)('lists the five commands with one-line descriptions in the %s scope', (scope) => {
    const lists = (committed.bots[0].commandLists as CommandList[]).filter((list) => list.scopes.includes(scope));
    expect(lists).toHaveLength(1);
    expect(lists[0].commands.map((c) => c.title).sort()).toEqual(COMMANDS);
    for (const command of lists[0].commands) {
      expect(command.description).toMatch(/^[^\n]{10,}$/);
    }
  });

  it('has a message action that asks the bot for its dialog', () => {
    expect(committed.composeExtensions).toHaveLength(1);
    expect(committed.composeExtensions[0].commands).toEqual([
      expect.objectContaining({
        id: 'reportFalsePositiveNegative',
        title: 'Report false positive/negative',
        type: 'action',
        context: ['message'],
        fetchTask: true,
      }),
    ]);
  });

  it('keeps the placeholder bot id in the bot, the message extension and single sign-on', () => {
    expect(committed.bots[0].botId).toBe('00000000-0000-0000-0000-000000000000');
    expect(committed.composeExtensions[0].botId).toBe('00000000-0000-0000-0000-000000000000');
    expect(committed.webApplicationInfo).toEqual({ id: '00000000-0000-0000-0000-000000000000', resource: 'api://botid-00000000-0000-0000-0000-000000000000' });
  });

  it('lets the sign-in card open the Bot Framework token service', () => {
    expect(committed.validDomains).toContain('token.botframework.com');
  });

  it("asks, per team, to read its channels' messages: intake looks a thread up before posting it again", () => {
    expect(committed.authorization).toEqual({ permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] } });
  });
});

describe('icons', () => {
  const color = fs.readFileSync(path.join(manifestDir, committed.icons.color));
  const outline = fs.readFileSync(path.join(manifestDir, committed.icons.outline));

  it('has a 192x192 colour icon whose background is the accent colour', () => {
    expect(readHeader(color)).toMatchObject({ width: 192, height: 192 });
    const { pixels } = decodeRgba(color);
    const corner = `#${pixels.subarray(0, 3).toString('hex')}`;
    expect(corner.toUpperCase()).toBe(committed.accentColor.toUpperCase());
    expect(pixels[3]).toBe(255);
  });

  it('has a 32x32 outline icon', () => {
    expect(readHeader(outline)).toMatchObject({ width: 32, height: 32 });
  });

  it('draws the outline icon only in white on transparent, and draws something', () => {
    const { pixels } = decodeRgba(outline);
    let opaque = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const alpha = pixels[i + 3];
      if (alpha === 0) continue;
      expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([255, 255, 255]);
      if (alpha === 255) opaque++;
    }
    expect(opaque).toBeGreaterThan(50);
    expect(pixels[3]).toBe(0); // top-left corner is transparent
  });
});

describe('app package', () => {
  it('contains exactly manifest.json and the two icons at the root', () => {
    const zip = packageWith({ MicrosoftAppId: BOT_ID });
    expect(zip.getEntries().map((entry) => entry.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(zip.readFile('color.png')).toEqual(fs.readFileSync(path.join(manifestDir, 'color.png')));
    expect(zip.readFile('outline.png')).toEqual(fs.readFileSync(path.join(manifestDir, 'outline.png')));
  });

  it('fills in the bot id and keeps the committed app id', async () => {
    const packaged = JSON.parse(packageWith({ MicrosoftAppId: BOT_ID }).readAsText('manifest.json'));
    expect(packaged.bots[0].botId).toBe(BOT_ID);
    expect(packaged.composeExtensions[0].botId).toBe(BOT_ID);
    expect(packaged.webApplicationInfo).toEqual({ id: BOT_ID, resource: `api://botid-${BOT_ID}` });
    expect(packaged.id).toBe(committed.id);
    expect(await validate(packaged)).toEqual([]);
  });

  it('takes the app id from TEAMS_APP_ID when set', () => {
    const appId = '2d9b7c41-8e0f-4a6b-b3c2-5f1e0a7d9c84';
    const packaged = JSON.parse(packageWith({ MicrosoftAppId: BOT_ID, TEAMS_APP_ID: appId }).readAsText('manifest.json'));
    expect(packaged.id).toBe(appId);
  });

  it('refuses to build without MicrosoftAppId', () => {
    expect(() => buildAppPackage(manifestDir, {})).toThrow(
      "MicrosoftAppId is not set: put the bot's Microsoft Entra app id (a GUID) in .env or the environment",
    );
    expect(() => buildAppPackage(manifestDir, { MicrosoftAppId: '  ' })).toThrow('MicrosoftAppId is not set');
  });

  it.each(['not-a-guid', `${BOT_ID}0`, '00000000-0000-0000-0000-000000000000'])(
    'refuses MicrosoftAppId %p',
    (value) => {
      expect(() => buildAppPackage(manifestDir, { MicrosoftAppId: value })).toThrow(
        'MicrosoftAppId must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) other than the all-zero placeholder',
      );
    },
  );

  it('refuses an invalid TEAMS_APP_ID', () => {
    expect(() => buildAppPackage(manifestDir, { MicrosoftAppId: BOT_ID, TEAMS_APP_ID: 'app' })).toThrow(/^TEAMS_APP_ID must be a GUID/);
  });
});
