import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as ts from 'typescript';
import { cycles, importEdges, siblingFolderEdges, sourceFiles } from './support/sourceGraph';

/**
 * The layout a newcomer walks (issue 25): no import cycles, small folders, src/bot by concern behind
 * one door per folder, the README a short front door with docs/ behind it, every link resolving, the
 * wire names spelled once. Each check names its offenders, so a merge that breaks one says where.
 */

const ROOT = path.join(__dirname, '..');
const read = (relative: string): string => readFileSync(path.join(ROOT, relative), 'utf8');

const SRC_FILES = sourceFiles(ROOT, 'src');
const EDGES = importEdges(ROOT, SRC_FILES);

const MAX_FILES_PER_FOLDER = 12;
const MAX_BOT_ROOT_FILES = 6;
const MIN_BOT_FOLDERS = 3;
const MAX_README_LINES = 150;
const DOC_PAGES = ['architecture', 'configuration', 'security', 'operations', 'performance', 'acting-from-teams'];
const WIRE_NAMES_MODULE = 'src/core/wireNames.ts';

describe('imports under src/', () => {
  it('no two files import each other, at any distance (type-only imports aside)', () => {
    const values = EDGES.filter((edge) => !edge.typeOnly).map((edge) => [edge.from, edge.to] as const);
    expect(cycles(values).map((group) => group.join(' <-> '))).toEqual([]);
  });

  it('no two sibling folders import each other, at any distance (type-only imports count too)', () => {
    const folderEdges = siblingFolderEdges(EDGES);
    const offenders = cycles(folderEdges.map((edge) => [edge.from, edge.to] as const)).map((group) => {
      const because = folderEdges.filter((edge) => group.includes(edge.from) && group.includes(edge.to)).map((edge) => edge.because);
      return `${group.join(' <-> ')}: ${[...new Set(because)].join(', ')}`;
    });
    expect(offenders).toEqual([]);
  });

  it('a file outside a src/bot folder imports it through its index.ts', () => {
    const folderOf = (file: string): string | undefined => /^src\/bot\/[^/]+\//.exec(file)?.[0];
    const offenders = EDGES.filter((edge) => {
      const folder = folderOf(edge.to);
      return folder !== undefined && !edge.from.startsWith(folder) && edge.to !== `${folder}index.ts`;
    }).map((edge) => `${edge.from} -> ${edge.to}`);
    expect(offenders).toEqual([]);
  });
});

describe('folders', () => {
  const folders = [...new Set(SRC_FILES.map((file) => path.posix.dirname(file)))];
  const entries = (folder: string) => readdirSync(path.join(ROOT, folder), { withFileTypes: true });

  it(`no folder under src/ holds more than ${MAX_FILES_PER_FOLDER} files directly`, () => {
    const offenders = folders
      .map((folder) => ({ folder, files: entries(folder).filter((entry) => entry.isFile()).length }))
      .filter(({ files }) => files > MAX_FILES_PER_FOLDER)
      .map(({ folder, files }) => `${folder}: ${files} files`);
    expect(offenders).toEqual([]);
  });

  it(`src/bot keeps at most ${MAX_BOT_ROOT_FILES} files at its root, the rest in at least ${MIN_BOT_FOLDERS} folders, each with an index.ts`, () => {
    const bot = entries('src/bot');
    const rootFiles = bot.filter((entry) => entry.isFile()).map((entry) => entry.name);
    const subfolders = bot.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect({ rootFiles: rootFiles.length <= MAX_BOT_ROOT_FILES ? 'few enough' : rootFiles, folders: subfolders.length >= MIN_BOT_FOLDERS ? 'enough' : subfolders }).toEqual({ rootFiles: 'few enough', folders: 'enough' });
    expect(subfolders.filter((folder) => !existsSync(path.join(ROOT, 'src/bot', folder, 'index.ts')))).toEqual([]);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slugOf = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/** The parts of markdown-it's tokens read here (the package ships no types). */
interface MarkdownToken {
  readonly type: string;
  readonly content: string;
  readonly children: MarkdownToken[] | null;
  attrGet(name: string): string | null;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt: new (options: { html: boolean }) => { parse(text: string, env: object): MarkdownToken[] } = require('markdown-it');

interface Page {
  readonly links: string[];
  readonly anchors: Set<string>;
}

function pageOf(file: string): Page {
  const tokens = new MarkdownIt({ html: true }).parse(read(file), {});
  const links: string[] = [];
  const anchors = new Set<string>();
  const visit = (list: readonly MarkdownToken[]): void => {
    list.forEach((token, index) => {
      if (token.type === 'link_open') links.push(token.attrGet('href') ?? '');
      if (token.type === 'image') links.push(token.attrGet('src') ?? '');
      if (token.type === 'heading_open') {
        const words = (list[index + 1]?.children ?? []).filter((child) => child.type === 'text' || child.type === 'code_inline').map((child) => child.content);
        anchors.add(slugOf(words.join('')));
      }
      if (token.children) visit(token.children);
    });
  };
  visit(tokens);
  return { links, anchors };
}

const MARKDOWN_PAGES = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

describe('README and docs/', () => {
  it(`the README is a front door of at most ${MAX_README_LINES} lines`, () => {
    expect(read('README.md').split('\n').length).toBeLessThanOrEqual(MAX_README_LINES);
  });

  it('the pages behind it exist', () => {
    expect(DOC_PAGES.filter((page) => !existsSync(path.join(ROOT, 'docs', `${page}.md`)))).toEqual([]);
  });

  it('every relative link in README.md and docs/*.md resolves, to a file and to a heading there', () => {
    const pages = new Map(MARKDOWN_PAGES.map((file) => [file, pageOf(file)]));
    const offenders: string[] = [];
    for (const [file, { links }] of pages) {
      for (const link of links) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue;
        const [target, anchor] = link.split('#');
        const targetFile = target ? path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(target))) : file;
        if (!existsSync(path.join(ROOT, targetFile))) {
          offenders.push(`${file}: ${link} (no ${targetFile})`);
          continue;
        }
        if (anchor === undefined) continue;
        const anchors = targetFile.endsWith('.md') && statSync(path.join(ROOT, targetFile)).isFile() ? (pages.get(targetFile) ?? pageOf(targetFile)).anchors : new Set<string>();
        if (!anchors.has(anchor)) offenders.push(`${file}: ${link} (no heading #${anchor} in ${targetFile})`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('docs/configuration.md explains every variable .env.example lists', () => {
    const configuration = read('docs/configuration.md');
    const variables = [...read('.env.example').matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((match) => match[1]);
    expect(variables.filter((name) => !configuration.includes(`\`${name}\``))).toEqual([]);
  });
});

/** The string constants a module exports: `export const NAME = 'value'`. */
function exportedStrings(file: string): Map<string, string> {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.ES2022, false);
  const found = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer && ts.isStringLiteral(declaration.initializer)) found.set(declaration.name.text, declaration.initializer.text);
    }
  }
  return found;
}

/** Every string literal and plain template in a file (comments are not code, so they may name a wire name). */
function stringLiterals(file: string): string[] {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.ES2022, false);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('wire names', () => {
  const names = exportedStrings(WIRE_NAMES_MODULE);

  it(`are written once, in ${WIRE_NAMES_MODULE}: no other file of src/, tools/, bench/ or scripts/ spells one, and no test spells an invoke name`, () => {
    expect(names.size).toBeGreaterThan(0);
    const everywhere = new Set(names.values());
    // Tests may spell a content type they expect on the wire: a test that read the constant could not catch it being wrong.
    const invokes = new Set([...names].filter(([name]) => name.endsWith('_INVOKE')).map(([, value]) => value));
    const scanned = [
      ...['src', 'tools', 'bench', 'scripts'].flatMap((dir) => sourceFiles(ROOT, dir)).map((file) => ({ file, watched: everywhere })),
      ...sourceFiles(ROOT, 'test').map((file) => ({ file, watched: invokes })),
    ];
    const offenders = scanned
      .filter(({ file }) => file !== WIRE_NAMES_MODULE)
      .flatMap(({ file, watched }) => stringLiterals(file).filter((text) => watched.has(text)).map((text) => `${file}: '${text}'`));
    expect(offenders).toEqual([]);
  });
});
