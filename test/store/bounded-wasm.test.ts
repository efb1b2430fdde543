/**
 * The memory ceiling written into a WebAssembly module: a module whose memory has no maximum
 * gets one, an existing maximum is only ever lowered, and growing past it fails.
 */
import { describe, expect, it } from 'vitest';
import { WASM_PAGE_BYTES, importWithBoundedMemory, wasmApi, withMemoryMaximum } from '../../src/store/bounded-wasm.js';

/** The smallest module with a memory (exported as "memory"): `min` pages, and `max` if given. */
function moduleWithMemory(min: number, max?: number): Uint8Array {
  const limits = max === undefined ? [0x00, min] : [0x01, min, max];
  const memory = [0x05, limits.length + 1, 0x01, ...limits];
  const exportSection = [0x07, 0x0a, 0x01, 0x06, ...Buffer.from('memory'), 0x02, 0x00];
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...memory, ...exportSection]);
}

interface GrowableMemory { grow(pages: number): number; readonly buffer: ArrayBuffer }
const memoryOf = (bytes: Uint8Array) => new wasmApi.Instance(new wasmApi.Module(bytes)).exports.memory as GrowableMemory;

describe('bounded WebAssembly memory', () => {
  it('gives a maximum to a memory that had none, and growth stops there', () => {
    const memory = memoryOf(withMemoryMaximum(moduleWithMemory(1), 3));
    expect(memory.grow(2)).toBe(1);
    expect(() => memory.grow(1)).toThrow(RangeError);
    expect(memory.buffer.byteLength).toBe(3 * WASM_PAGE_BYTES);
  });

  it('lowers a larger maximum and keeps a smaller one', () => {
    expect(() => memoryOf(withMemoryMaximum(moduleWithMemory(1, 100), 2)).grow(5)).toThrow(RangeError);
    const kept = memoryOf(withMemoryMaximum(moduleWithMemory(1, 2), 50));
    expect(() => kept.grow(5)).toThrow(RangeError);
  });

  it('leaves bytes without a memory unchanged', () => {
    const empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    expect(withMemoryMaximum(empty, 3)).toBe(empty);
  });

  it('bounds the module compiled during an import, reports its memory, and restores WebAssembly afterwards', async () => {
    const original = wasmApi.Module;
    const { module, memory } = await importWithBoundedMemory(async () => memoryOf(moduleWithMemory(2)), 4 * WASM_PAGE_BYTES);
    expect(wasmApi.Module).toBe(original);
    expect(memory()).toBe(2 * WASM_PAGE_BYTES);
    expect(() => module.grow(3)).toThrow(RangeError);
  });
});
