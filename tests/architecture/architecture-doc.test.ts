import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/ARCHITECTURE.md must stay true: its tree names every folder of the repository (at the
// top level, under packages/, tests/ and tools/) and names none that does not exist.
const ROOT = join(import.meta.dirname, '..', '..');
const IGNORED = new Set(['node_modules', '.git', 'dist', 'plenum-data', 'test-artifacts']);

function treeBlock(): string {
  const doc = readFileSync(join(ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');
  const start = doc.indexOf('## The tree');
  const block = /```\n([\s\S]*?)```/.exec(doc.slice(start))?.[1];
  if (start < 0 || block === undefined) throw new Error('docs/ARCHITECTURE.md has no tree block under "## The tree"');
  return block;
}

/** The folders the tree lists, as paths: "packages/kernel", "tests/browser", ".ci". */
function documentedFolders(): string[] {
  const folders: string[] = [];
  let parent = '';
  for (const line of treeBlock().split('\n')) {
    const match = /^( *)(\S+)\//.exec(line);
    if (match === null) continue;
    const [, indent = '', name = ''] = match;
    if (indent.length === 0) {
      parent = name;
      folders.push(name);
    } else {
      folders.push(`${parent}/${name}`);
    }
  }
  return folders.sort();
}

function actualFolders(): string[] {
  const dirs = (path: string): string[] =>
    readdirSync(join(ROOT, path)).filter(
      (name) => !IGNORED.has(name) && statSync(join(ROOT, path, name)).isDirectory(),
    );
  const top = dirs('.').filter((name) => name !== '.github' && (name === '.ci' || !name.startsWith('.')));
  const nested = ['packages', 'tests', 'tools'].flatMap((parent) => dirs(parent).map((name) => `${parent}/${name}`));
  return [...top, ...nested].sort();
}

describe('docs/ARCHITECTURE.md', () => {
  it('lists exactly the folders of the repository', () => {
    expect(documentedFolders()).toEqual(actualFolders());
  });
});
