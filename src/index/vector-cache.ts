import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { FILES } from "./layout.js";

/**
 * The vectors of a version, stored beside the HNSW file with the content
 * hash of each chunk's text, so the next build can reuse them for unchanged
 * text instead of embedding it again.
 */
export async function writeVectors(dir: string, keys: readonly string[], vectors: readonly Float32Array[], dimension: number): Promise<void> {
  const flat = new Float32Array(vectors.length * dimension);
  vectors.forEach((v, i) => flat.set(v, i * dimension));
  await writeFile(path.join(dir, FILES.vectors), Buffer.from(flat.buffer));
  await writeFile(path.join(dir, FILES.vectorKeys), JSON.stringify(keys));
}

export async function readVectorCache(dir: string, dimension: number): Promise<Map<string, Float32Array>> {
  const keys = z.array(z.string()).parse(JSON.parse(await readFile(path.join(dir, FILES.vectorKeys), "utf8")));
  const bytes = await readFile(path.join(dir, FILES.vectors));
  if (bytes.byteLength !== keys.length * dimension * 4) return new Map();
  const flat = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const cache = new Map<string, Float32Array>();
  keys.forEach((key, i) => cache.set(key, flat.slice(i * dimension, (i + 1) * dimension)));
  return cache;
}
