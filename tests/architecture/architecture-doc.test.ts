import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/ARCHITECTURE.md must stay true: its tree names every folder of the repository (but
// for each package's own src/, which every package has) and names none that does not exist.
const ROOT = join(import.meta.dirname, '..', '..');
const IGNORED = new Set(['node_modules', '.git', 'dist', 'plenum-data', 'test-artifacts', '.github']);

function treeBlock(): string {
  const doc = readFileSync(join(ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');
  const start = doc.indexOf('## The tree');
  const block = /```\n([\s\S]*?)```/.exec(doc.slice(start))?.[1];
  if (start < 0 || block === undefined) throw new Error('docs/ARCHITECTURE.md has no tree block under "## The tree"');
  return block;
}

/** The folders the tree lists, as paths ("packages/web/src/api"); two spaces of indent a level. */
function documentedFolders(): string[] {
  const folders: string[] = [];
  const stack: string[] = [];
  for (const line of treeBlock().split('\n')) {
    const match = /^( *)(\S+)\/(?:\s|$)/.exec(line);
    if (match === null) continue;
    const level = (match[1] ?? '').length / 2;
    stack.length = level;
    stack.push(match[2] ?? '');
    folders.push(stack.join('/'));
  }
  return folders.sort();
}

function actualFolders(path = ''): string[] {
  return readdirSync(join(ROOT, path))
    .filter((name) => !IGNORED.has(name) && statSync(join(ROOT, path, name)).isDirectory())
    .filter((name) => path !== '' || name === '.ci' || !name.startsWith('.'))
    .flatMap((name) => {
      const folder = path === '' ? name : `${path}/${name}`;
      const isPackageSrc = /^packages\/[^/]+\/src$/.test(folder);
      return isPackageSrc ? actualFolders(folder) : [folder, ...actualFolders(folder)];
    })
    .sort();
}

describe('docs/ARCHITECTURE.md', () => {
  it('lists exactly the folders of the repository', () => {
    expect(documentedFolders()).toEqual(actualFolders());
  });
});
