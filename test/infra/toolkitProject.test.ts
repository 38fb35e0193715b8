import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { buildAppPackage } from '../../scripts/package';
import { atk, projectFileSchemaPath, toolkitModule } from '../support/agentsToolkit';
import { DEV_ENVIRONMENT, MAIN_TEMPLATE, PARAMETERS_FILE, PLACEHOLDER, REPO_ROOT, devEnvironment, mainDeployment, readJson, readRepoFile } from '../support/infraFiles';

/**
 * m365agents.yml, the Agents Toolkit's project file, read with the Toolkit's own parser and checked
 * against its own schema; the files it names exist; what its zip deploy would send; and the Teams app
 * manifest checked by the Toolkit CLI itself (`atk validate`), offline.
 */

interface Step {
  uses: string;
  name?: string;
  env?: Record<string, string>;
  with: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

interface ProjectFile {
  version: string;
  environmentFolderPath: string;
  provision: Step[];
  deploy: Step[];
  publish: Step[];
}

const PROJECT_FILE = 'm365agents.yml';
const { load } = toolkitModule<{ load: (text: string) => unknown }>('js-yaml');
const project = load(readRepoFile(PROJECT_FILE)) as ProjectFile;
const stepsUsing = (steps: Step[], action: string): Step[] => steps.filter((step) => step.uses === action);

/** What `npm run package` (scripts/package.ts) writes. */
const APP_PACKAGE = './manifest/build/appPackage.zip';

describe('m365agents.yml', () => {
  test("validates against the Toolkit's schema for its version", () => {
    type Validator = ((data: unknown) => boolean) & { errors?: unknown[] };
    const Ajv = toolkitModule<{ default: new (options: object) => { compile: (schema: object) => Validator } }>('ajv').default;
    const schema = JSON.parse(fs.readFileSync(projectFileSchemaPath(project.version), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(project) ? [] : validate.errors).toEqual([]);
    // The schema does refuse a project file with a wrong action's input.
    expect(validate({ ...project, deploy: [{ uses: 'azureAppService/zipDeploy', with: { artifactFolder: '.' } }] })).toBe(false);
  });

  test('provision deploys infra/azure.json with its parameters file through arm/deploy', () => {
    expect(project.environmentFolderPath).toBe('./env');
    const [armDeploy] = stepsUsing(project.provision, 'arm/deploy');
    expect(armDeploy.with).toMatchObject({ subscriptionId: '${{AZURE_SUBSCRIPTION_ID}}', resourceGroupName: '${{AZURE_RESOURCE_GROUP_NAME}}' });
    expect(armDeploy.with.templates).toEqual([{ path: `./${MAIN_TEMPLATE}`, parameters: `./${PARAMETERS_FILE}`, deploymentName: expect.any(String) }]);
  });

  test('deploy builds, then zip-deploys to the Web App the templates create', () => {
    expect(project.deploy.map((step) => [step.uses, step.with.args])).toEqual([
      ['cli/runNpmCommand', 'ci'],
      ['cli/runNpmCommand', 'run build'],
      ['azureAppService/zipDeploy', undefined],
    ]);
    const [zipDeploy] = stepsUsing(project.deploy, 'azureAppService/zipDeploy');
    expect(zipDeploy.with).toEqual({ artifactFolder: '.', ignoreFile: './.webappignore', resourceId: '${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}' });
  });

  test('publish builds the app package with the bot id, validates it and submits it to the Teams admin center', () => {
    expect(project.publish.map((step) => step.uses)).toEqual(['cli/runNpmCommand', 'teamsApp/validateAppPackage', 'teamsApp/publishAppPackage']);
    expect(project.publish[0]).toMatchObject({ env: { MicrosoftAppId: '${{BOT_ID}}' }, with: { args: 'run package' } });
    for (const step of project.publish.slice(1)) expect(step.with.appPackagePath).toBe(APP_PACKAGE);
    expect(readJson<{ scripts: Record<string, string> }>('package.json').scripts.package).toContain('dist/scripts/package.js');
    expect(readRepoFile('scripts/package.ts')).toContain("path.join(manifestDir, 'build', 'appPackage.zip')");
  });

  test('every file it names exists', () => {
    const named = [...project.provision, ...project.deploy, ...project.publish].flatMap((step) => [
      ...((step.with.templates as { path: string; parameters: string }[] | undefined) ?? []).flatMap((t) => [t.path, t.parameters]),
      ...(typeof step.with.ignoreFile === 'string' ? [step.with.ignoreFile] : []),
    ]);
    expect(named.length).toBe(3);
    for (const file of named) expect({ file, exists: fs.existsSync(path.join(REPO_ROOT, file)) }).toEqual({ file, exists: true });
    expect(fs.existsSync(path.join(REPO_ROOT, project.environmentFolderPath, '.env.dev'))).toBe(true);
  });

  test("every ${{VARIABLE}} it and the parameters file use is in env/.env.dev or an output of infra/azure.json", () => {
    const outputs = Object.keys(mainDeployment().outputs);
    const defined = new Set([...Object.keys(devEnvironment()), ...outputs]);
    const used = [PROJECT_FILE, PARAMETERS_FILE].flatMap((file) => [...readRepoFile(file).matchAll(PLACEHOLDER)].map((m) => m[1]));
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((name) => !defined.has(name))).toEqual([]);
    expect(Object.keys(devEnvironment())).toEqual(expect.arrayContaining(['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'RESOURCE_SUFFIX', 'TEAMSFX_ENV']));
    expect(readRepoFile(DEV_ENVIRONMENT)).toContain('TEAMSFX_ENV=dev');
  });
});

describe('what the zip deploy sends (.webappignore, matched as the Toolkit matches it)', () => {
  test('the bundle, its source map and the package files, nothing else', () => {
    const bundle = path.join(REPO_ROOT, 'dist', 'air-guidance-bot.js');
    if (!fs.existsSync(bundle)) throw new Error('dist/air-guidance-bot.js is missing: run npm run build (npm test does)');
    type Ignore = { add: (pattern: string) => Ignore; ignores: (file: string) => boolean };
    const ignore = toolkitModule<() => Ignore>('ignore');
    const matcher = ignore();
    for (const line of readRepoFile('.webappignore').split('\n')) matcher.add(line.trim());
    const tracked = execFileSync('git', ['ls-files'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    const built = fs.readdirSync(path.join(REPO_ROOT, 'dist'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(REPO_ROOT, path.join(e.parentPath, e.name)));
    const sent = [...tracked, ...built, '.env', 'env/.env.dev.user', 'node_modules/botbuilder/package.json'].filter((file) => !matcher.ignores(file));
    expect(sent.sort()).toEqual(['.npmrc', 'dist/air-guidance-bot.js', 'dist/air-guidance-bot.js.map', 'package-lock.json', 'package.json']);
  });
});

describe('the Teams app package, checked by the Toolkit CLI offline', () => {
  let folder: string;

  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'atk-validate-'));
    const zip = new AdmZip(buildAppPackage(path.join(REPO_ROOT, 'manifest'), { MicrosoftAppId: '3f9d2c41-7a6b-4e0d-8c15-92b7e4a0d6f1' }));
    zip.extractAllTo(path.join(folder, 'good'));
    zip.extractAllTo(path.join(folder, 'broken'));
    const broken = path.join(folder, 'broken', 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(broken, 'utf8')) as Record<string, unknown>;
    delete manifest.version;
    fs.writeFileSync(broken, JSON.stringify(manifest));
  });

  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  test('`atk validate` passes the manifest npm run package builds, and fails one without a version', async () => {
    const [good, broken] = await Promise.all(['good', 'broken'].map((which) => atk(['validate', '--manifest-file', `./${which}/manifest.json`], folder)));
    expect(good).toMatchObject({ code: 0, output: expect.stringContaining('All passed') });
    expect(broken.code).not.toBe(0);
    expect(broken.output).toMatch(/version/);
  }, 120_000);
});
