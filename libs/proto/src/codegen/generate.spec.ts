import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateStaticCode } from './generate.js';

describe('generated code', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('is what regenerating from proto/ gives (run `nx run @ssl-distill/proto:proto` after editing a .proto)', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'proto-gen-'));
    dirs.push(outDir);
    await generateStaticCode(outDir);
    for (const file of ['distill.js', 'distill.d.ts']) {
      const committed = await readFile(join(GENERATED_DIR, file), 'utf8');
      expect(await readFile(join(outDir, file), 'utf8'), file).toBe(committed);
    }
  });
});
