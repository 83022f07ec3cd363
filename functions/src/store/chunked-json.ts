import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import type { DocumentReference, Firestore } from "@google-cloud/firestore";

/**
 * Gzip bytes per chunk document: under Firestore's 1 MiB document limit with room for the
 * document name and fields.
 */
const CHUNK_BYTES = 900 * 1024;
/** Chunks per commit: a commit carries at most 10 MiB. */
const CHUNKS_PER_BATCH = 8;

/** Names chunk `index` of the JSON stored under `version` (a content hash). */
export type ChunkRef = (version: string, index: number) => DocumentReference;

/** Where a stored JSON's chunks are: what its header document keeps. */
export interface ChunkedJson {
  version: string;
  chunks: number;
  bytes: number;
}

/** The content hash a JSON is stored under: the same text is always the same version. */
export function contentHash(json: string): string {
  return createHash("sha256").update(json).digest("hex").slice(0, 16);
}

/**
 * A JSON that is only ever read whole, stored as gzip-compressed bytes (no field of it indexed)
 * in chunk documents `{version}-{nnn}`: a report of thousands of municipalities is tens of MB of
 * JSON, far past one document. Chunks are written before the header that names them, so a reader
 * never sees a version whose chunks are missing. Returns what the header should keep.
 */
export async function writeChunks(
  db: Firestore,
  chunkRef: ChunkRef,
  json: string,
): Promise<ChunkedJson & { documentsWritten: number }> {
  const version = contentHash(json);
  const gzip = gzipSync(json);
  const chunks: Buffer[] = [];
  for (let at = 0; at < gzip.length; at += CHUNK_BYTES)
    chunks.push(gzip.subarray(at, at + CHUNK_BYTES));
  let documentsWritten = 0;
  for (let first = 0; first < chunks.length; first += CHUNKS_PER_BATCH) {
    const batch = db.batch();
    chunks.slice(first, first + CHUNKS_PER_BATCH).forEach((data, i) => {
      batch.set(chunkRef(version, first + i), { data });
      documentsWritten++;
    });
    await batch.commit();
  }
  return { version, chunks: chunks.length, bytes: gzip.length, documentsWritten };
}

/** The JSON text stored under a header, read in one batched round trip. */
export async function readChunks(
  db: Firestore,
  chunkRef: ChunkRef,
  header: ChunkedJson,
  what: string,
): Promise<string> {
  const refs = Array.from({ length: header.chunks }, (_, i) => chunkRef(header.version, i));
  const snapshots = refs.length > 0 ? await db.getAll(...refs) : [];
  const parts = snapshots.map((s) => {
    const data = s.data() as { data?: Uint8Array } | undefined;
    if (!data?.data) throw new Error(`${what}: chunk ${s.id} is missing`);
    return Buffer.from(data.data);
  });
  return gunzipSync(Buffer.concat(parts)).toString("utf8");
}

/** Deletes the chunks of a version no header names any more. */
export async function deleteChunks(
  db: Firestore,
  chunkRef: ChunkRef,
  header: ChunkedJson,
): Promise<number> {
  const batch = db.batch();
  for (let i = 0; i < header.chunks; i++) batch.delete(chunkRef(header.version, i));
  await batch.commit();
  return header.chunks;
}

/** Chunk ids: `{version}-{nnn}`, so that a version's chunks list together. */
export const chunkId = (version: string, index: number) =>
  `${version}-${String(index).padStart(3, "0")}`;
