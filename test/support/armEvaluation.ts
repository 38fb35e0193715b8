import { createHash } from 'node:crypto';
import { ArmExpression, isExpression, parseArmExpression } from './armExpression';

/**
 * Evaluates an ARM template the way Resource Manager would at deployment, for the functions these
 * templates use, against a made-up subscription and resource group. It is strict where Azure is:
 * parameters() and variables() must name declared ones, resourceId(), extensionResourceId() and
 * reference() must name a resource the template declares, and reference() must ask for the API version
 * the resource is declared with. What a deployed resource would answer to reference() comes from
 * `outputsOf`, so a property Azure does not give (a misspelt `clientId`) fails too.
 */

export interface ArmTemplate {
  readonly parameters?: Record<string, { type: string; defaultValue?: unknown; allowedValues?: unknown[]; minValue?: number; maxValue?: number }>;
  readonly variables?: Record<string, unknown>;
  readonly resources: readonly ArmResource[];
  readonly outputs?: Record<string, { type: string; value: unknown }>;
}

export interface ArmResource {
  readonly type: string;
  readonly apiVersion: string;
  readonly name: string;
  readonly scope?: string;
  readonly dependsOn?: readonly string[];
  readonly properties?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

export class ArmReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArmReferenceError';
  }
}

export const DEPLOYMENT_SCOPE = {
  subscriptionId: '6f1c2b9e-0d4a-4f57-9a43-2c8e7b5d1a30',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  resourceGroup: 'rg-air-bot',
  location: 'westeurope',
};

const RESOURCE_GROUP_ID = `/subscriptions/${DEPLOYMENT_SCOPE.subscriptionId}/resourceGroups/${DEPLOYMENT_SCOPE.resourceGroup}`;

/** Built-in resources a template may point at without declaring them. */
const BUILT_IN_TYPES = ['Microsoft.Authorization/roleDefinitions'];

/** `Microsoft.Storage/storageAccounts/blobServices/containers` + `a/default/b` -> its resource id's tail. */
function idTail(type: string, names: readonly string[]): string {
  const [namespace, ...types] = type.split('/');
  if (types.length !== names.length) throw new ArmReferenceError(`${type} takes ${types.length} name segment(s), got ${names.length}: ${names.join('/')}`);
  return `providers/${namespace}${types.map((t, i) => `/${t}/${names[i]}`).join('')}`;
}

const digest = (parts: readonly unknown[]): Buffer => createHash('sha256').update(parts.map(String).join('\u0000')).digest();

/** 13 characters of [a-z0-9], as ARM's uniqueString gives (not the same hash: these values are made up). */
const uniqueString = (parts: readonly unknown[]): string =>
  [...digest(parts).subarray(0, 13)].map((byte) => 'abcdefghijklmnopqrstuvwxyz234567'[byte % 32]).join('');

function guid(parts: readonly unknown[]): string {
  const hex = digest(parts).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const asString = (value: unknown, what: string): string => {
  if (typeof value !== 'string') throw new ArmReferenceError(`${what} must be a string, got ${JSON.stringify(value)}`);
  return value;
};

const asNumber = (value: unknown, what: string): number => {
  if (typeof value !== 'number') throw new ArmReferenceError(`${what} must be a number, got ${JSON.stringify(value)}`);
  return value;
};

export type OutputsOf = (type: string, name: string) => Record<string, unknown>;

interface DeclaredResource {
  readonly resource: ArmResource;
  readonly id: string;
}

export class ArmEvaluation {
  private readonly parameterValues: Record<string, unknown> = {};
  private readonly variableValues = new Map<string, unknown>();
  private declared: DeclaredResource[] | undefined;
  /** While the resources are being named: the ids resourceId() was asked for, to check afterwards. */
  private naming: { id: string; call: string }[] | undefined;

  constructor(
    private readonly template: ArmTemplate,
    suppliedParameters: Record<string, unknown>,
    private readonly outputsOf: OutputsOf,
  ) {
    for (const name of Object.keys(suppliedParameters)) {
      if (!template.parameters?.[name]) throw new ArmReferenceError(`parameter "${name}" is supplied but the template does not declare it`);
    }
    for (const [name, declaration] of Object.entries(template.parameters ?? {})) {
      const supplied = name in suppliedParameters;
      if (!supplied && !('defaultValue' in declaration)) throw new ArmReferenceError(`parameter "${name}" has no default and is not supplied`);
      const value = supplied ? suppliedParameters[name] : this.value(declaration.defaultValue, `parameters.${name}.defaultValue`);
      checkParameter(name, declaration, value);
      this.parameterValues[name] = value;
    }
  }

  /** Every resource with its resource id, as the deployment would name it. */
  resources(): DeclaredResource[] {
    if (this.declared) return this.declared;
    // A name may hold resourceId() of another resource (a role assignment's guid()): those are checked once all are named.
    this.naming = [];
    const declared = this.template.resources.map((resource) => {
      const name = asString(this.value(resource.name, `${resource.type}.name`), `${resource.type}.name`);
      const tail = idTail(resource.type, name.split('/'));
      const scope = resource.scope === undefined ? RESOURCE_GROUP_ID : `${RESOURCE_GROUP_ID}/${this.scopeTail(asString(this.value(resource.scope, `${resource.type}.scope`), 'scope'))}`;
      return { resource, id: `${scope}/${tail}` };
    });
    const named = this.naming;
    this.naming = undefined;
    this.declared = declared;
    for (const { id, call } of named) this.declaredById(id, call);
    return declared;
  }

  parameter(name: string): unknown {
    if (!(name in this.parameterValues)) throw new ArmReferenceError(`parameters('${name}') is not declared`);
    return this.parameterValues[name];
  }

  /** Evaluates a template value: expressions in strings (keys included), arrays and objects throughout. */
  value(raw: unknown, path: string): unknown {
    if (typeof raw === 'string') {
      if (raw.startsWith('[[')) return raw.slice(1);
      if (!isExpression(raw)) return raw;
      try {
        return this.evaluate(parseArmExpression(raw));
      } catch (error) {
        if (error instanceof Error) error.message = `${path}: ${error.message}`;
        throw error;
      }
    }
    if (Array.isArray(raw)) return raw.map((item, index) => this.value(item, `${path}[${index}]`));
    if (raw !== null && typeof raw === 'object') {
      return Object.fromEntries(Object.entries(raw).map(([key, item]) => [asString(this.value(key, `${path} (key)`), 'a key'), this.value(item, `${path}.${key}`)]));
    }
    return raw;
  }

  private scopeTail(scope: string): string {
    const segments = scope.split('/');
    const type = [segments[0], ...segments.slice(1).filter((_, i) => i % 2 === 0)].join('/');
    return idTail(type, segments.slice(2).filter((_, i) => i % 2 === 0));
  }

  /** The id, once it is known to name a declared resource. */
  private declaredId(id: string, call: string): string {
    if (this.naming) this.naming.push({ id, call });
    else this.declaredById(id, call);
    return id;
  }

  private declaredById(id: string, call: string): DeclaredResource {
    const found = this.resources().find((r) => r.id.toLowerCase() === id.toLowerCase());
    if (!found) throw new ArmReferenceError(`${call} names ${id}, which the template does not declare`);
    return found;
  }

  private evaluate(expression: ArmExpression): unknown {
    switch (expression.kind) {
      case 'string':
      case 'number':
        return expression.value;
      case 'property': {
        const target = this.evaluate(expression.target);
        if (target === null || typeof target !== 'object' || !(expression.name in target)) {
          throw new ArmReferenceError(`.${expression.name}: no such property on ${JSON.stringify(target)?.slice(0, 80)}`);
        }
        return (target as Record<string, unknown>)[expression.name];
      }
      case 'index': {
        const target = this.evaluate(expression.target) as Record<string, unknown>;
        return target[String(this.evaluate(expression.index))];
      }
      case 'call':
        return this.call(expression.name, expression.args.map((a) => this.evaluate(a)));
    }
  }

  private call(name: string, args: unknown[]): unknown {
    switch (name.toLowerCase()) {
      case 'parameters':
        return this.parameter(asString(args[0], 'parameters()'));
      case 'variables': {
        const variable = asString(args[0], 'variables()');
        if (!this.template.variables || !(variable in this.template.variables)) throw new ArmReferenceError(`variables('${variable}') is not declared`);
        if (!this.variableValues.has(variable)) this.variableValues.set(variable, this.value(this.template.variables[variable], `variables.${variable}`));
        return this.variableValues.get(variable);
      }
      case 'format':
        return asString(args[0], 'format()').replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index) + 1]));
      case 'string':
        return String(args[0]);
      case 'add':
        return asNumber(args[0], 'add()') + asNumber(args[1], 'add()');
      case 'div':
        return Math.trunc(asNumber(args[0], 'div()') / asNumber(args[1], 'div()'));
      case 'uniquestring':
        return uniqueString(args);
      case 'guid':
        return guid(args);
      case 'resourcegroup':
        return { id: RESOURCE_GROUP_ID, name: DEPLOYMENT_SCOPE.resourceGroup, location: DEPLOYMENT_SCOPE.location };
      case 'subscription':
        return { id: `/subscriptions/${DEPLOYMENT_SCOPE.subscriptionId}`, subscriptionId: DEPLOYMENT_SCOPE.subscriptionId, tenantId: DEPLOYMENT_SCOPE.tenantId };
      case 'environment':
        return { name: 'AzureCloud', suffixes: { storage: 'core.windows.net' } };
      case 'resourceid': {
        const [type, ...names] = args.map((a) => asString(a, 'resourceId()'));
        return this.declaredId(`${RESOURCE_GROUP_ID}/${idTail(type, names)}`, `resourceId('${type}', ...)`);
      }
      case 'extensionresourceid': {
        const [scope, type, ...names] = args.map((a) => asString(a, 'extensionResourceId()'));
        return this.declaredId(`${scope}/${idTail(type, names)}`, `extensionResourceId(..., '${type}', ...)`);
      }
      case 'subscriptionresourceid': {
        const [type, ...names] = args.map((a) => asString(a, 'subscriptionResourceId()'));
        if (!BUILT_IN_TYPES.includes(type)) throw new ArmReferenceError(`subscriptionResourceId('${type}', ...) is not a built-in resource type these tests know`);
        return `/subscriptions/${DEPLOYMENT_SCOPE.subscriptionId}/${idTail(type, names)}`;
      }
      case 'reference': {
        if (this.naming) throw new ArmReferenceError('reference() cannot be in a resource name: names are known before anything is deployed');
        const { resource } = this.declaredById(asString(args[0], 'reference()'), 'reference()');
        if (args[1] !== undefined && args[1] !== resource.apiVersion) {
          throw new ArmReferenceError(`reference() of ${resource.type} asks for API version ${String(args[1])}, the resource is declared with ${resource.apiVersion}`);
        }
        return this.outputsOf(resource.type, asString(this.value(resource.name, 'name'), 'name'));
      }
      default:
        throw new ArmReferenceError(`${name}() is not a function these tests evaluate`);
    }
  }
}

function checkParameter(name: string, declaration: NonNullable<ArmTemplate['parameters']>[string], value: unknown): void {
  const expected = declaration.type.toLowerCase() === 'int' ? 'number' : declaration.type.toLowerCase() === 'bool' ? 'boolean' : 'string';
  if (typeof value !== expected) throw new ArmReferenceError(`parameter "${name}" is ${declaration.type}, got ${JSON.stringify(value)}`);
  if (declaration.allowedValues && !declaration.allowedValues.includes(value)) throw new ArmReferenceError(`parameter "${name}": ${JSON.stringify(value)} is not among ${JSON.stringify(declaration.allowedValues)}`);
  if (typeof value === 'number' && ((declaration.minValue ?? -Infinity) > value || (declaration.maxValue ?? Infinity) < value)) {
    throw new ArmReferenceError(`parameter "${name}": ${value} is outside ${declaration.minValue}..${declaration.maxValue}`);
  }
}
