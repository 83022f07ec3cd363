import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import type { ComparedPeriodIndicators } from "../domain/indicators/changes.js";
import type { Paths } from "./paths.js";

/**
 * Gzip bytes per chunk document: under Firestore's 1 MiB document limit with room for the
 * document name and fields.
 */
const CHUNK_BYTES = 900 * 1024;
/** Chunks per commit: a commit carries at most 10 MiB. */
const CHUNKS_PER_BATCH = 8;

/**
 * `periodIndicators/{period}`: which version of the persisted report is current. The report
 * itself is only ever read whole, so it is stored as gzip-compressed JSON bytes (no field of it is
 * indexed) in chunk documents `chunks/{version}-{n}`: at 8,000 municipalities the JSON is tens of MB,
 * far past one document. The header is written after its chunks, so a reader never sees a
 * version whose chunks are missing; the previous version's chunks are deleted afterwards.
 */
interface PeriodIndicatorsHeader {
  period: string;
  /** Hash of the JSON: the same report persisted twice is the same version. */
  version: string;
  chunks: number;
  bytes: number;
  computedAt: string;
}

export interface PersistOutcome {
  version: string;
  status: "stored" | "unchanged";
  documentsWritten: number;
  bytes: number;
}

export class PeriodIndicatorsStore {
  constructor(private readonly paths: Paths) {}

  async put(
    network: string,
    report: ComparedPeriodIndicators,
    now: Date = new Date(),
  ): Promise<PersistOutcome> {
    const period = report.period;
    const json = JSON.stringify(report);
    const version = createHash("sha256").update(json).digest("hex").slice(0, 16);
    const headerRef = this.paths.periodIndicators(network, period);
    const previous = (await headerRef.get()).data() as PeriodIndicatorsHeader | undefined;
    if (previous?.version === version) {
      return { version, status: "unchanged", documentsWritten: 0, bytes: previous.bytes };
    }
    const gzip = gzipSync(json);
    const chunks: Buffer[] = [];
    for (let at = 0; at < gzip.length; at += CHUNK_BYTES)
      chunks.push(gzip.subarray(at, at + CHUNK_BYTES));
    let documentsWritten = 0;
    for (let first = 0; first < chunks.length; first += CHUNKS_PER_BATCH) {
      const batch = this.paths.db.batch();
      chunks.slice(first, first + CHUNKS_PER_BATCH).forEach((data, i) => {
        batch.set(this.chunkRef(network, period, version, first + i), { data });
        documentsWritten++;
      });
      await batch.commit();
    }
    const header: PeriodIndicatorsHeader = {
      period,
      version,
      chunks: chunks.length,
      bytes: gzip.length,
      computedAt: now.toISOString(),
    };
    await headerRef.set(header);
    documentsWritten++;
    if (previous) {
      const batch = this.paths.db.batch();
      for (let i = 0; i < previous.chunks; i++)
        batch.delete(this.chunkRef(network, period, previous.version, i));
      await batch.commit();
      documentsWritten += previous.chunks;
    }
    return { version, status: "stored", documentsWritten, bytes: gzip.length };
  }

  /** The persisted report of a period, or null if none was persisted. */
  async get(network: string, period: string): Promise<ComparedPeriodIndicators | null> {
    const header = (await this.paths.periodIndicators(network, period).get()).data() as
      | PeriodIndicatorsHeader
      | undefined;
    if (!header) return null;
    const refs = Array.from({ length: header.chunks }, (_, i) =>
      this.chunkRef(network, period, header.version, i),
    );
    const snapshots = refs.length > 0 ? await this.paths.db.getAll(...refs) : [];
    const parts = snapshots.map((s) => {
      const data = s.data() as { data?: Uint8Array } | undefined;
      if (!data?.data) throw new Error(`period indicators ${period}: chunk ${s.id} is missing`);
      return Buffer.from(data.data);
    });
    return JSON.parse(gunzipSync(Buffer.concat(parts)).toString("utf8"));
  }

  private chunkRef(network: string, period: string, version: string, index: number) {
    return this.paths.periodIndicatorsChunk(
      network,
      period,
      `${version}-${String(index).padStart(3, "0")}`,
    );
  }
}
