import type { ComparedPeriodIndicators } from "../domain/indicators/changes.js";
import {
  type ChunkedJson,
  chunkId,
  contentHash,
  deleteChunks,
  readChunks,
  writeChunks,
} from "./chunked-json.js";
import type { Paths } from "./paths.js";

/**
 * `periodIndicators/{period}`: which version of the persisted indicators is current, stored as
 * gzip-compressed JSON in chunk documents `chunks/{version}-{n}` (chunked-json.ts). Only the
 * current version is kept: the previous version's chunks are deleted once the header moved on.
 */
interface PeriodIndicatorsHeader extends ChunkedJson {
  period: string;
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
    const headerRef = this.paths.periodIndicators(network, period);
    const previous = (await headerRef.get()).data() as PeriodIndicatorsHeader | undefined;
    if (previous?.version === contentHash(json)) {
      return {
        version: previous.version,
        status: "unchanged",
        documentsWritten: 0,
        bytes: previous.bytes,
      };
    }
    const chunkRef = this.chunkRef(network, period);
    const written = await writeChunks(this.paths.db, chunkRef, json);
    const header: PeriodIndicatorsHeader = {
      period,
      version: written.version,
      chunks: written.chunks,
      bytes: written.bytes,
      computedAt: now.toISOString(),
    };
    await headerRef.set(header);
    let documentsWritten = written.documentsWritten + 1;
    if (previous) documentsWritten += await deleteChunks(this.paths.db, chunkRef, previous);
    return {
      version: written.version,
      status: "stored",
      documentsWritten,
      bytes: written.bytes,
    };
  }

  /** The persisted report of a period, or null if none was persisted. */
  async get(network: string, period: string): Promise<ComparedPeriodIndicators | null> {
    const header = (await this.paths.periodIndicators(network, period).get()).data() as
      | PeriodIndicatorsHeader
      | undefined;
    if (!header) return null;
    const json = await readChunks(
      this.paths.db,
      this.chunkRef(network, period),
      header,
      `period indicators ${period}`,
    );
    return JSON.parse(json);
  }

  private chunkRef(network: string, period: string) {
    return (version: string, index: number) =>
      this.paths.periodIndicatorsChunk(network, period, chunkId(version, index));
  }
}
