import { describe, expect, it } from 'vitest';
import { bytesToFloat32, float32ToBytes } from './float32.js';
import { decodeMessage, encodeMessage } from './messages.js';

describe('float32 tensor bytes', () => {
  it('round-trips embeddings through a FeatureShard at an unaligned offset', () => {
    const embeddings = Float32Array.of(0.5, -1.25, 3e-8, Number.MAX_VALUE > 1 ? 1e30 : 0);
    const shard = decodeMessage(
      'FeatureShard',
      encodeMessage('FeatureShard', { teacherId: 't', embeddingDim: 2, embeddings: float32ToBytes(embeddings) }),
    );
    expect(shard.embeddings.byteOffset % 4).not.toBe(0);
    expect(Array.from(bytesToFloat32(shard.embeddings, 'embeddings'))).toEqual(Array.from(embeddings));
  });

  it('writes little-endian float32', () => {
    expect(Array.from(float32ToBytes(Float32Array.of(1)))).toEqual([0x00, 0x00, 0x80, 0x3f]);
  });

  it('rejects a length that is not a multiple of 4, naming the field', () => {
    expect(() => bytesToFloat32(new Uint8Array(6), 'logits')).toThrow(/logits: 6 bytes/);
  });
});
