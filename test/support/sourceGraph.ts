/**
 * The project's own import graph, read with the TypeScript parser: which file imports which, and
 * whether only types cross. The structure test judges the layout from it; nothing here runs the code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export interface ImportEdge {
  from: string;
  to: string;
  /** Erased at compile time (`import type`, or every named binding marked `type`). */
  typeOnly: boolean;
}

const SOURCE_EXTENSIONS = ['.ts', '.js'];

/** Every .ts and .js file under `dir`, as paths relative to `root` with forward slashes. */
export function sourceFiles(root: string, dir: string): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (SOURCE_EXTENSIONS.some((extension) => entry.name.endsWith(extension)) && !entry.name.endsWith('.d.ts')) found.push(child);
    }
  };
  walk(dir);
  return found.sort();
}

/** The file a relative specifier names, the way Node and TypeScript find it, or undefined. */
export function resolveSpecifier(root: string, from: string, specifier: string): string | undefined {
  const base = path.posix.join(path.posix.dirname(from), specifier);
  const candidates = [base, ...SOURCE_EXTENSIONS.map((extension) => base + extension), ...SOURCE_EXTENSIONS.map((extension) => `${base}/index${extension}`)];
  return candidates.find((candidate) => fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile());
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((element) => element.isTypeOnly);
}

/** `require('x')`, `import('x')`, `jest.mock('x')` and `jest.requireActual('x')`. */
function calledSpecifier(node: ts.CallExpression): string | undefined {
  const [first] = node.arguments;
  if (!first || !ts.isStringLiteralLike(first)) return undefined;
  const callee = node.expression;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return first.text;
  if (ts.isIdentifier(callee) && callee.text === 'require') return first.text;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'jest') return first.text;
  return undefined;
}

/** Every specifier a file names, with whether only types cross. */
export function specifiersOf(text: string, fileName: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) found.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnlyImport(node) });
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnlyExport(node) });
    else if (ts.isCallExpression(node)) {
      const specifier = calledSpecifier(node);
      if (specifier !== undefined) found.push({ specifier, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The relative imports between the given files (imports of packages are left out). */
export function importEdges(root: string, files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    for (const { specifier, typeOnly } of specifiersOf(fs.readFileSync(path.join(root, from), 'utf8'), from)) {
      if (!specifier.startsWith('.')) continue;
      const to = resolveSpecifier(root, from, specifier);
      if (to) edges.push({ from, to, typeOnly });
    }
  }
  return edges;
}

/** Groups of nodes that reach each other (Tarjan's strongly connected components), only those of two or more. */
export function cycles(edges: readonly (readonly [string, string])[]): string[][] {
  const next = new Map<string, string[]>();
  for (const [from, to] of edges) {
    if (from === to) continue;
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node)!) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) connect(node);
  return groups;
}

/**
 * Folder-to-folder edges between siblings: for an import from `a/x/...` to `a/y/...`, the edge
 * `a/x -> a/y`, with the file import that makes it.
 */
export function siblingFolderEdges(edges: readonly ImportEdge[]): { from: string; to: string; because: string }[] {
  const found: { from: string; to: string; because: string }[] = [];
  for (const edge of edges) {
    const fromParts = edge.from.split('/');
    const toParts = edge.to.split('/');
    let shared = 0;
    while (shared < fromParts.length - 1 && shared < toParts.length - 1 && fromParts[shared] === toParts[shared]) shared++;
    // Both sides must sit in a folder below the shared parent, not directly in it.
    if (shared >= fromParts.length - 1 || shared >= toParts.length - 1) continue;
    const parent = fromParts.slice(0, shared).join('/');
    found.push({ from: `${parent}/${fromParts[shared]}`, to: `${parent}/${toParts[shared]}`, because: `${edge.from} -> ${edge.to}` });
  }
  return found;
}
