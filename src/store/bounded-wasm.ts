/**
 * A ceiling on a WebAssembly module's memory, set before the module is compiled. Oxigraph's
 * module declares its memory without a maximum, so a single query could grow one store worker to
 * the 4 GiB a 32-bit module can address, and several workers to more than the machine has. With a
 * maximum written into the module's memory section, `memory.grow` fails past it, the allocation
 * fails inside the store, the call traps, and the worker is replaced (see oxigraph-worker.ts).
 *
 * The bindings compile their module when they are first imported, with `new WebAssembly.Module`
 * and `new WebAssembly.Instance`; for that one import, both are wrapped: the first to rewrite the
 * bytes, the second to keep the instance's memory, whose size the worker reports.
 */

/** WebAssembly memory is counted in pages of 64 KiB. */
export const WASM_PAGE_BYTES = 65_536;
const MEMORY_SECTION = 5;

function unsignedLeb128(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

/**
 * The module's bytes with its one memory limited to `maxPages` (a maximum it already declares is
 * lowered, never raised). Bytes that do not have exactly one plain memory are returned unchanged.
 */
export function withMemoryMaximum(module: Uint8Array, maxPages: number): Uint8Array {
  let position = 8; // magic number and version
  const readLeb = (): number => {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = module[position++]!;
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80 && position < module.length);
    return result;
  };
  while (position < module.length) {
    const sectionStart = position;
    const id = module[position++]!;
    const size = readLeb();
    const contentStart = position;
    if (id === MEMORY_SECTION) {
      const count = readLeb();
      const flags = readLeb();
      if (count !== 1 || (flags & ~1) !== 0) return module;
      const minimum = readLeb();
      const declared = flags & 1 ? readLeb() : Number.POSITIVE_INFINITY;
      const maximum = Math.max(minimum, Math.min(declared, maxPages));
      const content = [1, 1, ...unsignedLeb128(minimum), ...unsignedLeb128(maximum)];
      const header = [MEMORY_SECTION, ...unsignedLeb128(content.length)];
      const tail = module.subarray(contentStart + size);
      const rewritten = new Uint8Array(sectionStart + header.length + content.length + tail.length);
      rewritten.set(module.subarray(0, sectionStart));
      rewritten.set(header, sectionStart);
      rewritten.set(content, sectionStart + header.length);
      rewritten.set(tail, sectionStart + header.length + content.length);
      return rewritten;
    }
    position = contentStart + size;
  }
  return module;
}

/**
 * The part of the WebAssembly API used here. The project compiles without the DOM's type
 * library, which is where TypeScript declares it.
 */
interface WasmMemory { readonly buffer: ArrayBuffer }
interface WasmInstance { readonly exports: Record<string, unknown> }
type WasmModuleConstructor = new (bytes: Uint8Array) => object;
type WasmInstanceConstructor = new (module: object, imports?: object) => WasmInstance;
interface WasmApi {
  Module: WasmModuleConstructor;
  Instance: WasmInstanceConstructor;
  readonly Memory: abstract new (...args: never[]) => WasmMemory;
  readonly RuntimeError: abstract new (...args: never[]) => Error;
}

/** The global WebAssembly object, typed as far as this module needs. */
export const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/**
 * Imports a module whose WebAssembly is compiled at import time, with its memory limited to
 * `maxBytes`; returns the module and the instance's memory (to read its size).
 */
export async function importWithBoundedMemory<T>(load: () => Promise<T>, maxBytes: number): Promise<{ module: T; memory: () => number }> {
  const maxPages = Math.max(1, Math.floor(maxBytes / WASM_PAGE_BYTES));
  const OriginalModule = wasmApi.Module;
  const OriginalInstance = wasmApi.Instance;
  let memory: WasmMemory | undefined;
  const BoundedModule = function (bytes: ArrayBufferView | ArrayBuffer) {
    const view = ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
    return new OriginalModule(withMemoryMaximum(view, maxPages));
  } as unknown as WasmModuleConstructor;
  const WatchedInstance = function (module: object, imports?: object) {
    const instance = new OriginalInstance(module, imports);
    const exported = instance.exports.memory;
    if (exported instanceof wasmApi.Memory) memory = exported;
    return instance;
  } as unknown as WasmInstanceConstructor;
  Object.assign(BoundedModule, { prototype: OriginalModule.prototype });
  Object.setPrototypeOf(BoundedModule, OriginalModule);
  Object.assign(WatchedInstance, { prototype: OriginalInstance.prototype });
  Object.setPrototypeOf(WatchedInstance, OriginalInstance);
  wasmApi.Module = BoundedModule;
  wasmApi.Instance = WatchedInstance;
  try {
    const module = await load();
    return { module, memory: () => memory?.buffer.byteLength ?? 0 };
  } finally {
    wasmApi.Module = OriginalModule;
    wasmApi.Instance = OriginalInstance;
  }
}
