/**
 * Builds the Teams app package: manifest/build/appPackage.zip with manifest.json, color.png and
 * outline.png at the zip root, as Teams expects for sideloading or the admin center.
 *
 * The committed manifest carries the nil GUID as bot id so that it validates against the schema on
 * its own; packaging swaps in the real bot id from `MicrosoftAppId` (environment or .env), also in
 * `webApplicationInfo` (single sign-on), and the app id from `TEAMS_APP_ID` when that is set.
 */
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import dotenv from 'dotenv';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The placeholder in the committed manifest: shipping it would install a bot nobody can reach.
const NIL_GUID = '00000000-0000-0000-0000-000000000000';

export type PackageEnv = Readonly<Record<string, string | undefined>>;

interface ManifestJson {
  id: string;
  icons: { color: string; outline: string };
  bots: { botId: string }[];
  composeExtensions?: { botId?: string }[];
  /** Teams single sign-on: the bot's app and the Application ID URI it exposes, api://botid-<bot id>. */
  webApplicationInfo?: { id: string; resource: string };
}

function readGuid(env: PackageEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (!GUID.test(value) || value === NIL_GUID) {
    throw new Error(`${name} must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) other than the all-zero placeholder`);
  }
  return value;
}

/** Returns the zipped app package for the manifest in `manifestDir`, with ids taken from `env`. */
export function buildAppPackage(manifestDir: string, env: PackageEnv): Buffer {
  const botId = readGuid(env, 'MicrosoftAppId');
  if (!botId) {
    throw new Error("MicrosoftAppId is not set: put the bot's Microsoft Entra app id (a GUID) in .env or the environment");
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8')) as ManifestJson;
  manifest.id = readGuid(env, 'TEAMS_APP_ID') ?? manifest.id;
  for (const bot of manifest.bots) bot.botId = botId;
  for (const extension of manifest.composeExtensions ?? []) extension.botId = botId;
  if (manifest.webApplicationInfo) manifest.webApplicationInfo = { id: botId, resource: `api://botid-${botId}` };

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    zip.addFile(icon, fs.readFileSync(path.join(manifestDir, icon)));
  }
  return zip.toBuffer();
}

function main(): void {
  // Compiled to dist/scripts/, so the repository root is two levels up.
  const root = path.resolve(__dirname, '..', '..');
  dotenv.config({ path: path.join(root, '.env'), quiet: true });
  const manifestDir = path.join(root, 'manifest');
  try {
    const zip = buildAppPackage(manifestDir, process.env);
    const outFile = path.join(manifestDir, 'build', 'appPackage.zip');
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, zip);
    console.log(`Wrote ${path.relative(root, outFile)}`);
  } catch (error) {
    console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
