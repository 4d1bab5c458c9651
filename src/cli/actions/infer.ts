import { ExitCode, TrailhiveError } from "../../errors.js";
import { startInferWorkers } from "../../local/infer-workers.js";
import { defaultParseWorkers } from "../../local/parse-workers.js";
import { inferSources, type InferSummary } from "../../pipeline/infer-sources.js";
import { fileShapeName } from "../../records/file-shape.js";
import type { PathOverride } from "../../schema/draft.js";
import type { Conflict } from "../../schema/schema-file.js";
import { serializeSchema } from "../../schema/schema-io.js";
import type { InferArgs } from "../commands/infer.js";
import { writeOutput, type Terminal } from "../io.js";
import { formatSourceSummary, openSources, sourceSummaryJson } from "../open-sources.js";
import { createProgress } from "../progress.js";
import { maxFileBytesOf } from "../source-options.js";

/** conflicts listed on stderr before "... and N more" (all of them are in the schema file) */
const LISTED_CONFLICTS = 15;

/** `trailhive infer`'s work (commands/infer.ts declares its options). */
export async function runInfer(args: InferArgs, term: Terminal): Promise<ExitCode> {
  const overrides = parseOverrides(args.override ?? []);
  const maxFileBytes = maxFileBytesOf(args);
  // Workers start before the listing, so they are ready for the files when it ends; only for local folders.
  const sources = args.sources as string[];
  const workers = startInferWorkers(sources.some((s) => !s.startsWith("s3://")) ? defaultParseWorkers() - 1 : 0);
  try {
    const resolved = await openSources(sources, args, { env: term.env, term, quiet: args.quiet });
    const progress = args.quiet ? { update() {}, done() {} } : createProgress(term, "infer");
    const { schema, summary } = await inferSources(resolved, {
      concurrency: args.concurrency,
      countLocal: workers.countLocal,
      inference: { overrides },
      maxFileBytes,
      onProgress: (p) => progress.update({ files: `${p.done}/${p.total}`, records: p.records, skipped: p.skipped }, p.done, p.total),
    });
    progress.done();
    if (summary.files.log === 0) {
      throw new TrailhiveError("SOURCE_NO_LOGS", { problem: "files", sources, files: resolved.files.length, skipped: summary.skipped });
    }
    const text = serializeSchema(schema);
    const output = args.output;
    if (output === "-") term.stdout.write(text);
    else await writeOutput(term, output, text);
    if (args.json) term.stdout.write(JSON.stringify({ ...jsonSummary(summary, output), sources: sourceSummaryJson(resolved) }) + "\n");
    else if (!args.quiet) {
      // What sampling chose and what S3 cost (LIST, GET, retries) comes first, then what reading found.
      const sampling = formatSourceSummary(resolved);
      term.stderr.write((sampling === "" ? "" : sampling + "\n") + humanSummary(summary, output));
    }
    return args.strict && (summary.skipped.length > 0 || summary.partial.length > 0) ? ExitCode.skipped : ExitCode.ok;
  } finally {
    // Workers countLocal did not need are stopped already; this covers a failure before or during it.
    await workers.close();
  }
}

function parseOverrides(specs: string[]): Record<string, PathOverride> {
  const out: Record<string, PathOverride> = {};
  for (const spec of specs) {
    const at = spec.lastIndexOf("=");
    const kind = spec.slice(at + 1);
    if (at <= 0 || !spec.startsWith("$") || (kind !== "json" && kind !== "map" && kind !== "object")) {
      throw new TrailhiveError("USAGE_BAD_OVERRIDE", { spec });
    }
    out[spec.slice(0, at)] = kind;
  }
  return out;
}

function jsonSummary(summary: InferSummary, output: string) {
  return {
    schemaFile: output,
    files: summary.files,
    shapes: summary.shapes,
    records: summary.records,
    bytes: summary.bytes,
    skipped: summary.skipped,
    partial: summary.partial,
    conflicts: summary.conflicts,
  };
}

function humanSummary(s: InferSummary, output: string): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const lines: string[] = [];
  const read = s.files.log + s.files.digest + s.files.insight;
  lines.push(`read ${n(read)} files (${n(s.files.log)} log, ${n(s.files.digest)} digest, ${n(s.files.insight)} insight): ${n(s.records)} records, ${n(s.bytes)} bytes`);
  if (s.insightEvents > 0) lines.push(`left out ${n(s.insightEvents)} CloudTrail Insights events (what Insights found, not API calls)`);
  if (s.shapes.length > 0) lines.push(`log files by shape: ${s.shapes.map((shape) => `${fileShapeName(shape)} ${n(shape.files)}`).join(", ")}`);
  if (s.partial.length > 0) {
    lines.push(`read ${n(s.partial.length)} files in part (${n(s.partial.reduce((t, p) => t + p.parts, 0))} bad lines or values left out):`);
    for (const p of s.partial) lines.push(`  ${p.message}`);
  }
  if (s.skipped.length > 0) {
    const byReason = new Map<string, number>();
    for (const k of s.skipped) byReason.set(k.reason, (byReason.get(k.reason) ?? 0) + 1);
    lines.push(
      `skipped ${n(s.skipped.length)} files (${[...byReason]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([r, c]) => `${r} ${c}`)
        .join(", ")}):`,
    );
    for (const k of s.skipped) lines.push(`  ${k.message}`);
  }
  const widened = s.conflicts.filter((c) => c.resolution !== "case-merge" && c.resolution !== "double").length;
  lines.push(
    `conflicts: ${n(s.conflicts.length)} (${widened} widened to JSON text, ${s.conflicts.filter((c) => c.resolution === "double").length} integer+float as double, ${s.conflicts.filter((c) => c.resolution === "case-merge").length} case-only duplicate keys merged)`,
  );
  for (const c of s.conflicts.slice(0, LISTED_CONFLICTS)) lines.push(`  ${describeConflict(c)}`);
  if (s.conflicts.length > LISTED_CONFLICTS) lines.push(`  ... and ${s.conflicts.length - LISTED_CONFLICTS} more in ${output === "-" ? "the schema" : output} (conflicts)`);
  lines.push(output === "-" ? "schema written to stdout" : `wrote ${output}`);
  return lines.join("\n") + "\n";
}

function describeConflict(c: Conflict): string {
  const kinds = Object.entries(c.kinds)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const what = c.resolution === "case-merge" ? `case-merge of ${(c.spellings ?? []).join("/")}` : c.resolution;
  return `${c.path}${c.event ? ` [${c.event}]` : ""}: ${what} (${kinds})`;
}
