import { ensureEngine, type EnsureEngineOptions, type HiveEngine } from "./ensure-engine.js";
import type { HiveVersion } from "./hive-version.js";
import { runEngine, type RunEngineOptions } from "./run-engine.js";

/**
 * The conformance checks, in one JVM per Hive version. On 3.1.3: scripts cut as `hive -f` cuts them
 * (hive-cli's CliDriver.splitSemiColon, column-0 `--` lines dropped) and each statement parsed with
 * ParseUtils.parse, reporting its root token; type strings parsed by TypeInfoUtils and printed back.
 * On both: the data check, every record through a JSON SerDe configured as the DDL configures it and
 * every value compared with the JSON.
 *
 * @example
 *   const r = await runHarness({ version: "3.1.3", types: [{ name: "t.a", type: "array<string>" }] });
 *   r.types[0]; // { name: "t.a", type: "array<string>", ok: true, printed: "array<string>" }
 */
export interface HarnessDataSet {
  name: string;
  /** the SerDe class, as in ROW FORMAT SERDE */
  serde: string;
  serdeProperties: Record<string, string>;
  columns: { name: string; type: string; jsonKey: string }[];
  /** how the flavor's input format hands text to the SerDe */
  feed: "record-per-line" | "file-per-row";
  /** CloudTrail files (any container, gzipped or not) */
  files: string[];
}

export interface HarnessRequest {
  version: HiveVersion;
  /** 3.1.3 only: whole scripts to cut and parse */
  scripts?: { name: string; text: string }[];
  /** 3.1.3 only: column type strings */
  types?: { name: string; type: string }[];
  data?: HarnessDataSet[];
  /** mismatch samples kept per data set (default 20) */
  maxSamples?: number;
}

export interface ParsedStatement {
  sql: string;
  ok: boolean;
  /** the parser's root token, e.g. TOK_CREATETABLE, TOK_QUERY, TOK_ALTERTABLE */
  root?: string;
  children?: string[];
  error?: string;
}

export interface DataReport {
  name: string;
  serde: string;
  setupError?: string;
  records: number;
  rows: number;
  failedRows: number;
  valuesCompared: number;
  mismatches: number;
  caseDuplicateKeys: number;
  mismatchesByPath: Record<string, number>;
  undeclaredKeys: Record<string, number>;
  samples: { file: string; row: number; path: string; what: string; expected: string | null; actual: string | null }[];
}

export interface HarnessReport {
  engine: string;
  scripts: { name: string; statements: ParsedStatement[] }[];
  types: { name: string; type: string; ok: boolean; printed?: string; error?: string }[];
  data: DataReport[];
  metrics: { jvmMs: number; peakRssKb?: number };
  wallMs: number;
}

export async function runHarness(request: HarnessRequest, options: EnsureEngineOptions & Pick<RunEngineOptions, "onLog" | "jvmArgs"> & { engine?: HiveEngine } = {}): Promise<HarnessReport> {
  const engine = options.engine ?? (await ensureEngine(request.version, options));
  const { version: _v, ...body } = request;
  const { report, wallMs } = await runEngine<Partial<Omit<HarnessReport, "wallMs">>>(engine, body, options);
  return { engine: report.engine ?? `hive-${request.version}`, scripts: report.scripts ?? [], types: report.types ?? [], data: report.data ?? [], metrics: report.metrics ?? { jvmMs: 0 }, wallMs };
}
