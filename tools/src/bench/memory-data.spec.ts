import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePipeline } from '@ssl-distill/spec';
import sharp from 'sharp';
import { benchPipelineYaml, imagePath, SIDE, writeJpegs } from './memory-data.js';

describe('bench:memory inputs', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("parses as a pipeline file: a seed student naming a teacher, batch 64, no checkpoint within the bench's steps", () => {
    const spec = parsePipeline(benchPipelineYaml(20), 'bench-memory.yaml');
    const student = spec.students['tiny']!;
    expect(student.method).toBe('seed');
    expect(student.teacher).toBe('tiny');
    expect(student.batchSize).toBe(64);
    expect(student.checkpointEvery).toBe(21);
    expect(spec.plans['fixed']).toMatchObject({ kind: 'fixed', views: 1 });
  });

  it('hard-links a smaller folder from a larger one: the same files, no second copy', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bench-memory-data-'));
    dirs.push(root);
    const large = join(root, 'images-13');
    const small = join(root, 'images-4');
    await writeJpegs(large, 13);
    await writeJpegs(small, 4, large);
    expect(readdirSync(large).filter((name) => name.startsWith('class-'))).toHaveLength(10);
    expect(readdirSync(small).filter((name) => name.startsWith('class-'))).toHaveLength(4);
    expect(readdirSync(join(large, 'class-2')).sort()).toEqual(['12.jpg', '2.jpg']);
    for (let i = 0; i < 4; i++) {
      expect(statSync(imagePath(small, i)).ino).toBe(statSync(imagePath(large, i)).ino);
      expect(statSync(imagePath(large, i)).nlink).toBe(2);
    }
    expect(statSync(imagePath(large, 4)).nlink).toBe(1);
    const meta = await sharp(readFileSync(imagePath(large, 1))).metadata();
    expect([meta.format, meta.height, meta.width, meta.channels]).toEqual(['jpeg', SIDE, SIDE + 16, 3]);
  });

  it('finishes an interrupted folder and leaves a complete one alone', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bench-memory-data-'));
    dirs.push(root);
    const dir = join(root, 'images-6');
    await writeJpegs(dir, 6);
    const first = readFileSync(imagePath(dir, 5));
    rmSync(imagePath(dir, 5));
    await writeJpegs(dir, 6); // marked complete: not looked at again
    expect(() => statSync(imagePath(dir, 5))).toThrow();
    rmSync(join(dir, '.complete-6'));
    await writeJpegs(dir, 6);
    expect(readFileSync(imagePath(dir, 5)).equals(first)).toBe(true);
  });
});
