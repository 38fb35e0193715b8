import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { ArmEvaluation, ArmReferenceError, ArmResource, ArmTemplate, DEPLOYMENT_SCOPE } from './armEvaluation';

/** The deployment files (infra/, env/.env.dev), read as Azure and the Agents Toolkit read them. */

export const REPO_ROOT = path.join(__dirname, '..', '..');

export const readRepoFile = (file: string): string => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
export const readJson = <T>(file: string): T => JSON.parse(readRepoFile(file)) as T;

export const MAIN_TEMPLATE = 'infra/azure.json';
export const BOT_TEMPLATE = 'infra/botRegistration/azurebot.json';
export const PARAMETERS_FILE = 'infra/azure.parameters.json';
export const DEV_ENVIRONMENT = 'env/.env.dev';

/** What the made-up deployment's resources answer to reference(). */
export const IDENTITY = { clientId: '3f9d2c41-7a6b-4e0d-8c15-92b7e4a0d6f1', principalId: 'a7c3e915-0b2d-4f68-9e41-5d8c2b7f0a36', tenantId: DEPLOYMENT_SCOPE.tenantId };
export const INSTRUMENTATION_KEY = 'd4b1f7a2-6c3e-4a95-8b20-1e7f9c5d3a64';
export const CONNECTION_STRING = `InstrumentationKey=${INSTRUMENTATION_KEY};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/`;

export function outputsOf(type: string, name: string): Record<string, unknown> {
  switch (type) {
    case 'Microsoft.ManagedIdentity/userAssignedIdentities':
      return IDENTITY;
    case 'Microsoft.Insights/components':
      return { ConnectionString: CONNECTION_STRING, InstrumentationKey: INSTRUMENTATION_KEY };
    case 'Microsoft.Web/sites':
      return { defaultHostName: `${name}.azurewebsites.net` };
    default:
      throw new ArmReferenceError(`reference() of ${type}: these tests do not know what it returns`);
  }
}

/** The Toolkit fills RESOURCE_SUFFIX with a random one when env/.env.dev leaves it empty. */
const TOOLKIT_FILLED = { RESOURCE_SUFFIX: 'k3x9q2' };

/** `${{NAME}}` placeholders, which the Toolkit replaces from the environment file before deploying. */
export const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export const devEnvironment = (): Record<string, string> => dotenv.parse(readRepoFile(DEV_ENVIRONMENT));

/** infra/azure.parameters.json's values as `atk provision --env dev` passes them. */
export function suppliedParameters(): Record<string, unknown> {
  const environment: Record<string, string> = { ...devEnvironment(), ...TOOLKIT_FILLED };
  const text = readRepoFile(PARAMETERS_FILE).replace(PLACEHOLDER, (_, name: string) => {
    if (!(name in environment)) throw new Error(`${PARAMETERS_FILE} names \${{${name}}}, which ${DEV_ENVIRONMENT} does not define`);
    return environment[name];
  });
  const file = JSON.parse(text) as { parameters: Record<string, { value: unknown }> };
  return Object.fromEntries(Object.entries(file.parameters).map(([name, { value }]) => [name, value]));
}

export interface EvaluatedResource extends ArmResource {
  readonly id: string;
}

export interface Deployment {
  readonly evaluation: ArmEvaluation;
  readonly resources: EvaluatedResource[];
  readonly outputs: Record<string, unknown>;
  /** The nested deployments with inner scope, evaluated with the parameters they are given. */
  readonly nested: Record<string, Deployment>;
}

/** Evaluates a whole template: every resource, its dependencies, its outputs, and nested templates in their own scope. */
export function deploy(template: ArmTemplate, parameters: Record<string, unknown>): Deployment {
  const evaluation = new ArmEvaluation(template, parameters, outputsOf);
  const nested: Record<string, Deployment> = {};
  const resources = evaluation.resources().map(({ resource, id }) => {
    const innerScope = resource.type === 'Microsoft.Resources/deployments' && (resource.properties?.expressionEvaluationOptions as { scope?: string } | undefined)?.scope === 'inner';
    const { template: inner, ...outerProperties } = resource.properties ?? {};
    const evaluated = evaluation.value({ ...resource, properties: innerScope ? outerProperties : resource.properties }, `${resource.type} ${resource.name}`) as ArmResource;
    if (innerScope) {
      const given = (evaluated.properties?.parameters ?? {}) as Record<string, { value: unknown }>;
      nested[evaluated.name] = deploy(inner as ArmTemplate, Object.fromEntries(Object.entries(given).map(([name, { value }]) => [name, value])));
    }
    return { ...evaluated, id };
  });
  const outputs = Object.fromEntries(Object.entries(template.outputs ?? {}).map(([name, output]) => [name, evaluation.value(output.value, `outputs.${name}`)]));
  return { evaluation, resources, outputs, nested };
}

export const mainDeployment = (parameters: Record<string, unknown> = suppliedParameters()): Deployment => deploy(readJson<ArmTemplate>(MAIN_TEMPLATE), parameters);

export function resourceOf(deployment: Deployment, type: string): EvaluatedResource {
  const found = deployment.resources.filter((r) => r.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type}, the template declares ${found.length}`);
  return found[0];
}

/** The Web App's app settings as name -> value. */
export function appSettingsOf(deployment: Deployment): Record<string, string> {
  const site = resourceOf(deployment, 'Microsoft.Web/sites');
  const settings = (site.properties?.siteConfig as { appSettings: { name: string; value: string }[] }).appSettings;
  return Object.fromEntries(settings.map(({ name, value }) => [name, value]));
}
