// No container engine runs here, so the Dockerfile is linted for the facts the manifests rely on:
// multi-stage builds, non-root numeric users, the native addon's libraries, and the app entry points.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPS, DEPLOY_DIR } from './contract.js';

const REPO_ROOT = path.resolve(DEPLOY_DIR, '..');
const DOCKERFILE = path.join(DEPLOY_DIR, 'docker/Dockerfile');

interface Stage {
  from: string;
  name?: string;
  instructions: { keyword: string; args: string }[];
}

function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line)!;
    if (keyword!.toUpperCase() === 'FROM') {
      const [from, as, name] = args!.split(/\s+/);
      stages.push({ from: from!, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      stages.at(-1)!.instructions.push({ keyword: keyword!.toUpperCase(), args: args! });
    }
  }
  return stages;
}

const stages = parseDockerfile(fs.readFileSync(DOCKERFILE, 'utf8'));
const stageNamed = (name: string) => stages.find((s) => s.name === name)!;

/** A stage's instructions after those of the stages it builds on (FROM <stage>). */
function chain(stage: Stage): Stage['instructions'] {
  const parent = stages.find((s) => s.name === stage.from);
  return [...(parent ? chain(parent) : []), ...stage.instructions];
}

describe('deploy/docker/Dockerfile', () => {
  it('builds in separate stages and ships runtime stages without compilers or npm installs', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'cpu', 'build-gpu', 'gpu', undefined]);
    for (const runtime of ['cpu', 'gpu']) {
      const instructions = chain(stageNamed(runtime));
      expect(instructions.some((i) => i.keyword === 'COPY' && i.args.startsWith(`--from=${runtime === 'cpu' ? 'build' : 'build-gpu'} `))).toBe(true);
      expect(instructions.filter((i) => i.keyword === 'RUN' && /\b(npm|npx|g\+\+|make)\b/.test(i.args))).toEqual([]);
    }
  });

  it('makes the CPU image the default target, on node:20-bookworm-slim', () => {
    expect(stages.at(-1)!.from).toBe('cpu');
    expect(stageNamed('cpu').from).toBe('node:20-bookworm-slim');
  });

  it('pins every base image to a tag', () => {
    for (const stage of stages.filter((s) => !stages.some((other) => other.name === s.from))) {
      expect(stage.from).toMatch(/^[^:]+:(?!latest$)[\w.-]+$/);
    }
  });

  it('runs both images as a numeric non-root user', () => {
    for (const runtime of ['cpu', 'gpu']) {
      const user = chain(stageNamed(runtime)).filter((i) => i.keyword === 'USER').at(-1)?.args ?? '0';
      expect(user, runtime).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    }
  });

  it('builds the native addon against the libraries binding.gyp links, and ships their runtime packages', () => {
    // Debian bookworm packages per linked library: build (-dev) and runtime (shared object).
    const packages: Record<string, { build: string; runtime: string }> = {
      '-ldnnl': { build: 'libdnnl-dev', runtime: 'libdnnl2' },
      '-fopenmp': { build: 'libgomp1', runtime: 'libgomp1' },
    };
    const gyp = fs.readFileSync(path.join(REPO_ROOT, 'libs/native/binding.gyp'), 'utf8');
    const linked = [.../"libraries":\s*\[([^\]]*)\]/.exec(gyp)![1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    expect(linked.length).toBeGreaterThan(0);
    const installed = (stage: string) => chain(stageNamed(stage)).filter((i) => i.keyword === 'RUN').map((i) => i.args).join('\n');
    for (const flag of linked) {
      expect(packages[flag], `a Debian package for ${flag}`).toBeDefined();
      // The node:20-bookworm build image has g++ and libgomp; the -dev package is what it lacks.
      if (packages[flag]!.build !== packages[flag]!.runtime) expect(installed('build'), flag).toContain(packages[flag]!.build);
      expect(installed('cpu'), flag).toContain(packages[flag]!.runtime);
    }
    // The GPU image uses libtensorflow's kernels and skips the addon rather than ship it unloadable.
    expect(installed('build-gpu')).toMatch(/SSL_DISTILL_NATIVE=off sh deploy\/docker\/build\.sh/);
  });

  it('adds tfjs-node-gpu, at the tfjs version the workspace uses, on a CUDA runtime', () => {
    const rootPackage = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const build = stageNamed('build-gpu').instructions.map((i) => i.args).join('\n');
    expect(build).toContain(`@tensorflow/tfjs-node-gpu@${rootPackage.dependencies['@tensorflow/tfjs']}`);
    expect(stageNamed('gpu').from).toMatch(/^nvidia\/cuda:[\d.]+-cudnn\d*-runtime-/);
  });

  it('starts apps as the manifests do: each app compiles src/ to dist/ and is part of `tsc -b`', () => {
    const references = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'tsconfig.json'), 'utf8')).references.map((r: { path: string }) => path.normalize(r.path));
    for (const app of APPS) {
      const options = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'apps', app, 'tsconfig.json'), 'utf8')).compilerOptions;
      expect([options.rootDir, options.outDir], app).toEqual(['src', 'dist']);
      expect(references, app).toContain(path.normalize(`apps/${app}`));
    }
    expect(chain(stageNamed('cpu')).find((i) => i.keyword === 'CMD')?.args).toBe('["node", "apps/cli/dist/main.js", "--help"]');
  });

  it('keeps host dependencies and build outputs out of the build context', () => {
    const ignored = fs.readFileSync(path.join(DEPLOY_DIR, 'docker/Dockerfile.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
  });
});
