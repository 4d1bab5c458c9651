import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { createGzip, constants, type Gzip } from "node:zlib";

/**
 * Gzipped part files, one open writer per partition, at most `maxOpen` at a time: when a new
 * partition needs a writer the least recently used one is closed, and that partition's next records
 * go to its next part file. Memory therefore stays bounded by `maxOpen` gzip streams however many
 * partitions and records the logs hold. Level 1: staging is read once by Hive, so speed beats size.
 *
 * @example
 *   const pool = new StagedWriterPool({ root: "/tmp/work/staged", maxOpen: 16 });
 *   await pool.write("account=1/region=r/year=2024/month=01/day=02", '{"eventName":"X"}\n');
 *   const parts = await pool.close();  // [{ folder, file: "part-00000.json.gz", records: 1 }]
 */
export interface StagedPart {
  /** partition folder relative to the root */
  folder: string;
  /** file name inside the folder */
  file: string;
  records: number;
}

export interface StagedWriterPoolOptions {
  root: string;
  /** open gzip writers at a time (each holds zlib state and buffers: about 300 KB) */
  maxOpen?: number;
  /** part numbers already used per folder (a resumed staging), so no part is overwritten */
  nextPart?: Map<string, number>;
}

interface OpenWriter {
  part: StagedPart;
  gzip: Gzip;
  file: WriteStream;
}

const DEFAULT_MAX_OPEN = 32;

export class StagedWriterPool {
  private readonly root: string;
  private readonly maxOpen: number;
  /** insertion order is recency order: re-inserted on every use */
  private readonly open = new Map<string, OpenWriter>();
  private readonly nextPart: Map<string, number>;
  private readonly parts: StagedPart[] = [];

  constructor(options: StagedWriterPoolOptions) {
    this.root = options.root;
    this.maxOpen = Math.max(1, options.maxOpen ?? DEFAULT_MAX_OPEN);
    this.nextPart = new Map(options.nextPart);
  }

  /** Appends lines (each ending in \n) holding `records` records to the partition's current part. */
  async write(folder: string, lines: string, records = 1): Promise<void> {
    let writer = this.open.get(folder);
    if (writer === undefined) {
      if (this.open.size >= this.maxOpen) {
        const [oldest] = this.open.keys();
        if (oldest !== undefined) await this.closeOne(oldest);
      }
      writer = this.openWriter(folder);
    } else {
      this.open.delete(folder);
    }
    this.open.set(folder, writer);
    writer.part.records += records;
    if (!writer.gzip.write(lines)) await once(writer.gzip, "drain");
  }

  /** Closes every writer and returns all parts written, in the order they were opened. */
  async close(): Promise<StagedPart[]> {
    for (const folder of [...this.open.keys()]) await this.closeOne(folder);
    return this.parts;
  }

  private openWriter(folder: string): OpenWriter {
    const n = this.nextPart.get(folder) ?? 0;
    this.nextPart.set(folder, n + 1);
    const dir = join(this.root, ...folder.split("/"));
    mkdirSync(dir, { recursive: true });
    const part: StagedPart = { folder, file: `part-${String(n).padStart(5, "0")}.json.gz`, records: 0 };
    this.parts.push(part);
    const gzip = createGzip({ level: constants.Z_BEST_SPEED });
    const file = createWriteStream(join(dir, part.file));
    gzip.pipe(file);
    return { part, gzip, file };
  }

  private async closeOne(folder: string): Promise<void> {
    const writer = this.open.get(folder);
    if (writer === undefined) return;
    this.open.delete(folder);
    const finished = once(writer.file, "finish");
    writer.gzip.end();
    await finished;
  }
}
