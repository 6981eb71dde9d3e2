// The architecture's rules, checked on every import: ML libs never reach infrastructure; the pipeline
// file's spec stays free of bus and store; process plumbing stays free of ML; libs depend on what
// their package.json declares, and never in a circle.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

interface Project { name: string; dir: string; tags: string[]; dependencies: string[]; devDependencies: string[] }

function projects(): Project[] {
  return ['libs', 'apps'].flatMap((group) =>
    fs.readdirSync(path.join(root, group)).flatMap((entry) => {
      const file = path.join(root, group, entry, 'package.json');
      if (!fs.existsSync(file)) return [];
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      return [{
        name: pkg.name as string, dir: path.join(root, group, entry), tags: (pkg.nx?.tags ?? []) as string[],
        dependencies: Object.keys(pkg.dependencies ?? {}), devDependencies: Object.keys(pkg.devDependencies ?? {}),
      }];
    }),
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.parentPath.includes('node_modules') && !e.parentPath.includes('dist'))
    .map((e) => path.join(e.parentPath, e.name));
}

const importPattern = /(?:from\s+|import\s*\(\s*|import\s+)['"](@ssl-distill\/[a-z-]+)/g;

const isTest = (file: string) => file.endsWith('.spec.ts') || file.includes(`${path.sep}test${path.sep}`);

/** Each `@ssl-distill/*` import of a project's sources (src/, and test/ where it has one), by file. */
function imports(project: Project): { file: string; target: string }[] {
  return ['src', 'test'].flatMap((folder) => {
    const dir = path.join(project.dir, folder);
    if (!fs.existsSync(dir)) return [];
    return sourceFiles(dir).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(importPattern)].map((match) => ({ file, target: match[1]! })).filter(({ target }) => target !== project.name),
    );
  });
}

/** Imports of projects tagged `tag` that reach a project without one of the `allowed` tags. */
function importsOutside(all: Project[], tag: string, allowed: string[]): string[] {
  const byName = new Map(all.map((p) => [p.name, p]));
  return all.filter((p) => p.tags.includes(tag)).flatMap((project) =>
    imports(project)
      .filter(({ target }) => { const to = byName.get(target); return to !== undefined && !to.tags.some((t) => allowed.includes(t)); })
      .map(({ file, target }) => `${path.relative(root, file)} imports ${target}`),
  );
}

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
    // What was libs/pipeline, split by responsibility.
    expect(all.filter((p) => p.tags.includes('scope:spec')).map((p) => p.name)).toEqual(['@ssl-distill/spec']);
    expect(all.filter((p) => p.tags.includes('scope:service')).map((p) => p.name)).toEqual(['@ssl-distill/service']);
    expect(all.filter((p) => p.tags.includes('scope:app-logic')).map((p) => p.name)).toEqual(
      expect.arrayContaining(['@ssl-distill/data-access', '@ssl-distill/stages', '@ssl-distill/orchestration']),
    );
  });

  it('the pipeline spec imports only ML libs: a pipeline file validates without bus or store', () => {
    expect(importsOutside(all, 'scope:spec', ['scope:ml', 'scope:spec'])).toEqual([]);
  });

  it('service plumbing imports only infrastructure: no ML lib, no pipeline logic', () => {
    expect(importsOutside(all, 'scope:service', ['scope:infra'])).toEqual([]);
  });

  it('a lib imports only libs its package.json declares (tests: also devDependencies)', () => {
    const undeclared = all.filter((p) => p.tags.includes('type:lib')).flatMap((project) =>
      imports(project)
        .filter(({ file, target }) => !project.dependencies.includes(target) && !(isTest(file) && project.devDependencies.includes(target)))
        .map(({ file, target }) => `${path.relative(root, file)} imports ${target}, not in ${path.relative(root, project.dir)}/package.json`),
    );
    expect(undeclared).toEqual([]);
  });

  it('the libs depend on each other in layers, never in a circle (spec and service < data-access < stages < orchestration)', () => {
    const deps = new Map(all.map((p) => [p.name, p.dependencies.filter((d) => byName.has(d))]));
    const circles: string[] = [];
    const visit = (name: string, trail: string[]): void => {
      if (trail.includes(name)) { circles.push([...trail.slice(trail.indexOf(name)), name].join(' -> ')); return; }
      for (const next of deps.get(name) ?? []) visit(next, [...trail, name]);
    };
    for (const project of all) visit(project.name, []);
    expect(circles).toEqual([]);
    const below = (lib: string, other: string) => deps.get(`@ssl-distill/${other}`)!.includes(`@ssl-distill/${lib}`);
    expect([below('spec', 'data-access'), below('service', 'data-access'), below('data-access', 'stages'), below('stages', 'orchestration')]).toEqual([true, true, true, true]);
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
