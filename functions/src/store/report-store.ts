import canonicalize from "canonicalize";
import { chunkId, contentHash, readChunks, writeChunks } from "./chunked-json.js";
import type { Paths } from "./paths.js";

/** One published version of a period's report, as listed: `reports/{period}/versions/{n}`. */
export interface ReportVersion {
  version: number;
  /** ISO instant of publication. */
  publishedAt: string;
  /** Who published: a coordinator's e-mail, or the scheduler's. */
  by: string;
}

/**
 * What became of a version in the network's Google Sheet: recorded on the version document after
 * the publication (the report itself stays frozen in its chunks), so a failed write is visible.
 */
export interface SheetsDelivery {
  status: "written" | "failed";
  at: string;
  spreadsheetId: string;
  tab?: string;
  url?: string;
  /** English, for the coordinator and the logs: why the write failed. */
  error?: string;
}

/** A version document: its listing fields and where its frozen JSON is. */
interface StoredVersionDocument extends ReportVersion {
  sheets?: SheetsDelivery;
  period: string;
  hash: string;
  chunks: number;
  bytes: number;
}

/** `reports/{period}`: the latest version and its content hash, to tell new content from old. */
interface ReportHeader {
  period: string;
  latest: number;
  hash: string;
  publishedAt: string;
}

export interface PublishOutcome {
  version: number;
  status: "published" | "unchanged";
  documentsRead: number;
  documentsWritten: number;
}

/**
 * Published reports: every version kept and never rewritten (DESIGN §13). The report itself is
 * frozen as canonical JSON (RFC 8785: sorted keys, fixed number form), gzip-chunked under its
 * content hash (chunked-json.ts), so the same content is the same hash whatever built it, and
 * chunks are shared by versions with the same content. Publishing is one transaction over the
 * header: a new version is created only if the hash differs from the latest one's.
 */
export class ReportStore {
  constructor(private readonly paths: Paths) {}

  async publish(
    network: string,
    period: string,
    report: unknown,
    by: string,
    now: Date,
  ): Promise<PublishOutcome> {
    const json = canonicalize(report);
    if (json === undefined) throw new Error(`report ${period}: nothing to publish`);
    const hash = contentHash(json);
    const headerRef = this.paths.report(network, period);
    const before = (await headerRef.get()).data() as ReportHeader | undefined;
    if (before?.hash === hash) {
      return { version: before.latest, status: "unchanged", documentsRead: 1, documentsWritten: 0 };
    }
    // Chunks first, under the hash: if the transaction below loses to a concurrent publication of
    // the same content, they are that publication's chunks too.
    const written = await writeChunks(this.paths.db, this.chunkRef(network, period), json);
    return this.paths.db.runTransaction(async (tx) => {
      const header = (await tx.get(headerRef)).data() as ReportHeader | undefined;
      if (header?.hash === hash) {
        return {
          version: header.latest,
          status: "unchanged" as const,
          documentsRead: 2,
          documentsWritten: written.documentsWritten,
        };
      }
      const version = (header?.latest ?? 0) + 1;
      // `create`: a version document is never overwritten, even by a racing publication.
      const stored: StoredVersionDocument = {
        period,
        version,
        publishedAt: now.toISOString(),
        by,
        hash: written.version,
        chunks: written.chunks,
        bytes: written.bytes,
      };
      tx.create(this.paths.reportVersion(network, period, version), stored);
      tx.set(headerRef, {
        period,
        latest: version,
        hash,
        publishedAt: stored.publishedAt,
      } satisfies ReportHeader);
      return {
        version,
        status: "published" as const,
        documentsRead: 2,
        documentsWritten: written.documentsWritten + 2,
      };
    });
  }

  /** Every period with a published report and its latest version, in period order. */
  async periods(
    network: string,
  ): Promise<{ period: string; latest: number; publishedAt: string }[]> {
    const snapshot = await this.paths.network(network).collection("reports").get();
    return snapshot.docs
      .map((doc) => doc.data() as ReportHeader)
      .map(({ period, latest, publishedAt }) => ({ period, latest, publishedAt }))
      .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  }

  /** Every version of a period's report, oldest first (document ids are zero-padded numbers). */
  async versions(
    network: string,
    period: string,
  ): Promise<(ReportVersion & { sheets?: SheetsDelivery })[]> {
    const snapshot = await this.paths.reportVersions(network, period).get();
    return snapshot.docs
      .map((doc) => doc.data() as StoredVersionDocument)
      .map(({ version, publishedAt, by, sheets }) => ({
        version,
        publishedAt,
        by,
        ...(sheets ? { sheets } : {}),
      }))
      .sort((a, b) => a.version - b.version);
  }

  /** One frozen version with its report, or null if there is no such version. */
  async get(
    network: string,
    period: string,
    version: number,
  ): Promise<(ReportVersion & { report: unknown }) | null> {
    const snapshot = await this.paths.reportVersion(network, period, version).get();
    if (!snapshot.exists) return null;
    const stored = snapshot.data() as StoredVersionDocument;
    const json = await readChunks(
      this.paths.db,
      this.chunkRef(network, period),
      { version: stored.hash, chunks: stored.chunks, bytes: stored.bytes },
      `report ${period} version ${version}`,
    );
    return {
      version: stored.version,
      publishedAt: stored.publishedAt,
      by: stored.by,
      report: JSON.parse(json),
    };
  }

  /** A version's listing fields and its Sheets delivery, without its report; null if absent. */
  async versionInfo(
    network: string,
    period: string,
    version: number,
  ): Promise<(ReportVersion & { sheets?: SheetsDelivery }) | null> {
    const snapshot = await this.paths.reportVersion(network, period, version).get();
    if (!snapshot.exists) return null;
    const { publishedAt, by, sheets } = snapshot.data() as StoredVersionDocument;
    return { version, publishedAt, by, ...(sheets ? { sheets } : {}) };
  }

  /** Records the Sheets delivery of a version: one write, to the version document only. */
  async recordSheets(
    network: string,
    period: string,
    version: number,
    delivery: SheetsDelivery,
  ): Promise<void> {
    await this.paths.reportVersion(network, period, version).update({ sheets: delivery });
  }

  /** The latest published version, or null if the period was never published. */
  async latest(
    network: string,
    period: string,
  ): Promise<(ReportVersion & { report: unknown }) | null> {
    const header = (await this.paths.report(network, period).get()).data() as
      | ReportHeader
      | undefined;
    return header ? this.get(network, period, header.latest) : null;
  }

  private chunkRef(network: string, period: string) {
    return (hash: string, index: number) =>
      this.paths.reportChunk(network, period, chunkId(hash, index));
  }
}
