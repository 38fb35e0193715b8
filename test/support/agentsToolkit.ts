import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The Microsoft 365 Agents Toolkit CLI (@microsoft/m365agentstoolkit-cli, a devDependency) and the
 * libraries its engine (@microsoft/teamsfx-core) reads a project with: its YAML parser, its JSON schema
 * of m365agents.yml with the validator it checks it with, and the ignore-file matcher of its zip deploy.
 * None of them needs the network; what needs a Microsoft 365 or Azure sign-in is not run.
 */

const CLI_DIR = path.dirname(require.resolve('@microsoft/m365agentstoolkit-cli/package.json'));
const CORE_DIR = path.dirname(require.resolve('@microsoft/teamsfx-core/package.json', { paths: [CLI_DIR] }));

/** A module exactly as the Toolkit's engine loads it. */
export const toolkitModule = <T>(name: string): T => require(require.resolve(name, { paths: [CORE_DIR] })) as T;

/** The Toolkit's JSON schema for a version of the project file (`version: v1.13`). */
export const projectFileSchemaPath = (version: string): string => path.join(CLI_DIR, 'resource', 'yaml-schema', version, 'yaml.schema.json');

const run = promisify(execFile);

export interface CliResult {
  readonly code: number;
  readonly output: string;
}

/** Runs `atk` with telemetry and prompts off; the caller's directory is the project folder. */
export async function atk(args: readonly string[], cwd: string): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(CLI_DIR, 'cli.js'), ...args, '--telemetry', 'false', '--interactive', 'false'], { cwd, timeout: 100_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}
