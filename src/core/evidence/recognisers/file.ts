import { capDisplay, escapeMarkdown } from '../defanging/display';
import type { FileType, Finding } from '../finding';

const OFFICE = [
  'doc', 'docx', 'docm', 'dotx', 'dotm', 'xls', 'xlsx', 'xlsm', 'xlsb', 'xltx', 'ppt', 'pptx', 'pptm',
  'ppsx', 'rtf', 'one', 'vsdx', 'pub',
];
const PROGRAM = [
  'exe', 'dll', 'sys', 'scr', 'cpl', 'ocx', 'msi', 'msix', 'msp', 'appx', 'bat', 'cmd', 'ps1', 'psm1',
  'vbs', 'vbe', 'js', 'jse', 'wsf', 'hta', 'jar', 'py', 'sh', 'apk', 'dmg', 'pkg', 'lnk',
];
// Containers and other formats attackers send. `com` is absent on purpose: it is a domain.
const OTHER = ['pdf', 'zip', 'rar', '7z', 'gz', 'tgz', 'tar', 'cab', 'iso', 'img', 'vhd', 'vhdx', 'html', 'htm', 'svg', 'eml', 'msg', 'txt'];

const EXTENSIONS: ReadonlyMap<string, FileType> = new Map([
  ...OFFICE.map((e) => [e, 'office'] as const),
  ...PROGRAM.map((e) => [e, 'program'] as const),
  ...OTHER.map((e) => [e, 'other'] as const),
]);

// Windows-safe names without spaces; one quantifier over one class.
const NAME = /^[\w$~-][\w.$~-]*$/;

/** `invoice.docx`, or the last part of a path, when the extension is a known file type. */
export function parseFileName(value: string): Finding | null {
  const name = value.slice(value.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.length > 255) return null;
  const fileType = EXTENSIONS.get(name.slice(dot + 1).toLowerCase());
  if (fileType === undefined || !NAME.test(name)) return null;
  return { kind: 'file', display: capDisplay(escapeMarkdown(name)), fileType };
}
