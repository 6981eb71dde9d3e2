// The architecture's one hard rule, checked on every import: ML libs never reach infrastructure.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

interface Project { name: string; dir: string; tags: string[] }

function projects(): Project[] {
  return ['libs', 'apps'].flatMap((group) =>
    fs.readdirSync(path.join(root, group)).flatMap((entry) => {
      const file = path.join(root, group, entry, 'package.json');
      if (!fs.existsSync(file)) return [];
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      return [{ name: pkg.name as string, dir: path.join(root, group, entry), tags: (pkg.nx?.tags ?? []) as string[] }];
    }),
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.parentPath.includes('node_modules') && !e.parentPath.includes('dist'))
    .map((e) => path.join(e.parentPath, e.name));
}

const importPattern = /(?:from\s+|import\s*\(\s*|import\s+)['"](@ssl-distill\/[a-z-]+)/g;

describe('module boundaries', () => {
  const all = projects();
  const byName = new Map(all.map((p) => [p.name, p]));

  it('finds the ML and infrastructure libs by their nx tags', () => {
    expect(all.filter((p) => p.tags.includes('scope:ml')).map((p) => p.name)).toEqual(
      expect.arrayContaining(['@ssl-distill/models', '@ssl-distill/losses', '@ssl-distill/augment', '@ssl-distill/methods', '@ssl-distill/probes']),
    );
    expect(all.filter((p) => p.tags.includes('scope:infra')).map((p) => p.name)).toEqual(
      expect.arrayContaining(['@ssl-distill/bus', '@ssl-distill/store']),
    );
  });

  it('ML libs import no infrastructure lib and no app', () => {
    const violations: string[] = [];
    for (const project of all.filter((p) => p.tags.includes('scope:ml'))) {
      for (const file of sourceFiles(path.join(project.dir, 'src'))) {
        for (const match of fs.readFileSync(file, 'utf8').matchAll(importPattern)) {
          const target = byName.get(match[1]!);
          if (target && !target.tags.includes('scope:ml')) violations.push(`${path.relative(root, file)} imports ${match[1]}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('libs never import apps', () => {
    const violations: string[] = [];
    for (const project of all.filter((p) => p.tags.includes('type:lib'))) {
      for (const file of sourceFiles(path.join(project.dir, 'src'))) {
        for (const match of fs.readFileSync(file, 'utf8').matchAll(importPattern)) {
          if (byName.get(match[1]!)?.tags.includes('type:app')) violations.push(`${path.relative(root, file)} imports ${match[1]}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
