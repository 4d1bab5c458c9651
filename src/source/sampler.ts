import { TrailhiveError } from "../errors.js";
import { addDays, dayFolder, isLogFileName, lastSegment, type Day } from "./cloudtrail-layout.js";
import { checkDay, checkDayRange, MAX_DAYS } from "../values/check-day.js";
import { listRange } from "./list-range.js";
import { discoverStrata, type Stratum } from "./discover-strata.js";
import { findDays } from "./find-days.js";
import { listFolder, type SkipLog } from "./list-folder.js";
import { mapLimit } from "./map-limit.js";
import { listAll, type ObjectEntry, type ObjectStore } from "./object-store.js";
import type { SampleOptions, SkippedObject } from "./resolve-sources.js";
import { seededRandom, shuffled } from "./seeded-random.js";
import { skipMessage, type SkipCode } from "./skip-reasons.js";

/** LIST calls in flight while discovering and listing day folders. */
export const DEFAULT_LIST_CONCURRENCY = 8;
/** The seed when none is given: samples are reproducible by default, `--seed` picks another. */
export const DEFAULT_SEED = "trailhive";

/** What sampling one root did, for the progress summary and `--json`. */
export interface RootSampleSummary {
  root: string;
  /**
   * `cloudtrail`: an AWSLogs delivery tree, sampled by account x region x day; `flat`: a folder
   * without that layout, read whole; `whole`: a local folder given without sampling options, read
   * whole as the user pointed at it (the reader classifies digest and Insight files itself)
   */
  layout: "cloudtrail" | "flat" | "whole";
  /** account x region (x Insight) folders sampled */
  strata: number;
  /** the days sampled, oldest first (empty for a flat folder) */
  days: Day[];
  /** log files found in the listed day folders */
  candidates: number;
  selected: number;
  selectedBytes: number;
  /** how many objects or folders were left out, by reason */
  skipped: Partial<Record<SkipCode, number>>;
}

export interface SampleResult {
  files: ObjectEntry[];
  /** input that should have been read and was not (a prefix access was denied to): `--strict` fails on these */
  skipped: SkippedObject[];
  /** left out by design (digest, Insight, other services, stray objects, filters, sampling limits): counted, not a problem */
  excluded: SkippedObject[];
  warnings: string[];
  summary: RootSampleSummary;
}

interface Candidate extends ObjectEntry {
  day: Day;
}

/**
 * Chooses the files to read under one store's root. For an AWSLogs tree: discover the account x
 * region strata, find the days that hold logs (newest first, see `findDays`), list only the chosen
 * day folders, then take files round-robin across strata (each stratum's files seeded-shuffled and
 * spread over its days) until --max-files / --max-bytes / --per-stratum stop it, so every account x
 * region gets its share. A folder without that layout is read whole, as before, with the same limits.
 *
 * @example
 *   const { files, summary } = await sampleStore(new LocalStore("./logs"), { days: 7, today: "2024-03-31", maxFiles: 200 });
 */
export async function sampleStore(store: ObjectStore, options: SampleOptions, context: { concurrency?: number; whole?: boolean } = {}): Promise<SampleResult> {
  validateSampleOptions(options);
  const concurrency = context.concurrency ?? DEFAULT_LIST_CONCURRENCY;
  const skipped: SkippedObject[] = [];
  const excluded: SkippedObject[] = [];
  const warnings: string[] = [];
  const counts: Partial<Record<SkipCode, number>> = {};
  const log: SkipLog = {
    skip(path, code, reason) {
      (isProblem(code) ? skipped : excluded).push({ path, reason: reason ?? skipMessage(code), code });
      counts[code] = (counts[code] ?? 0) + 1;
      // Not a problem, but a surprise worth one line: the link is named, and was not followed.
      if (code === "link-loop" || code === "link-duplicate") warnings.push(`${path}: ${reason ?? skipMessage(code)}`);
    },
    warn(message) {
      warnings.push(message);
    },
  };

  const strata = context.whole === true ? undefined : await discoverStrata(store, { accounts: options.accounts, regions: options.regions, includeInsights: options.includeInsights, concurrency }, log);
  let groups: Candidate[][];
  let days: Day[] = [];
  if (strata === undefined) {
    const ignored = (["days", "from", "to", "accounts", "regions"] as const).filter((k) => options[k] !== undefined);
    if (ignored.length > 0 && context.whole !== true)
      warnings.push(`${store.root} holds no AWSLogs/<account>/CloudTrail/<region>/ layout: read as a plain folder, ${ignored.map((k) => "--" + k).join(", ")} ignored`);
    const all: Candidate[] = [];
    for await (const entry of listAll(store, "", (s) => log.skip(s.path, s.code, s.reason))) all.push({ ...entry, day: "" });
    groups = [all];
  } else {
    const picked = await pickDays(store, strata, options, concurrency, log);
    days = picked.days;
    groups = picked.groups;
  }

  const stratumIds = strata === undefined ? [""] : strata.map((s) => s.prefix);
  const files = select(groups, stratumIds, options, log);
  files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // Listings run concurrently: sorted, the report is the same bytes every run.
  for (const list of [skipped, excluded]) list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  warnings.sort();
  return {
    files,
    skipped,
    excluded,
    warnings,
    summary: {
      root: store.root,
      layout: context.whole === true ? "whole" : strata === undefined ? "flat" : "cloudtrail",
      strata: strata === undefined ? 0 : strata.length,
      days,
      candidates: groups.reduce((n, g) => n + g.length, 0),
      selected: files.length,
      selectedBytes: files.reduce((n, f) => n + f.size, 0),
      skipped: counts,
    },
  };
}

/**
 * Only what the user asked for and could not get counts as skipped input (so `--strict` exits 3);
 * everything else was left out on purpose. A link loop or second name is not: what it leads to is read, once.
 */
function isProblem(code: SkipCode): boolean {
  return code === "access-denied" || code === "dangling-link" || code === "not-a-file";
}

/**
 * Extra days the first `--days N` listing covers beyond N, so that a window anchored at today still
 * holds N days of logs when today's (or yesterday's) files have not arrived yet: the usual case.
 */
export const DAYS_SLACK = 2;

/**
 * The days to sample and each stratum's log files in them.
 * - `--days N` with a last day (--to, or today): one ranged listing per stratum over the last N+2
 *   calendar days. If the union holds N days with logs, the newest N are taken: one LIST per
 *   stratum per 1,000 files. Otherwise (gaps, an old trail) the folders are probed backwards
 *   (`findDays`) and only the chosen older day folders are listed.
 * - --from/--to or nothing: one ranged listing per stratum over the whole range.
 */
async function pickDays(store: ObjectStore, strata: Stratum[], options: SampleOptions, concurrency: number, log: SkipLog): Promise<{ days: Day[]; groups: Candidate[][] }> {
  const to = options.to ?? options.today;
  const want = options.days;
  let windowFrom = options.from;
  if (want !== undefined && to !== undefined) {
    const start = addDays(to, -(want + DAYS_SLACK - 1));
    if (windowFrom === undefined || start > windowFrom) windowFrom = start;
  }
  const listed = want !== undefined && to === undefined ? strata.map(() => []) : await mapLimit(strata, concurrency, (s) => listRange(store, s.prefix, { from: windowFrom, to }, log));
  const inWindow = [...new Set(listed.flat().map((c) => c.day))].sort().reverse();
  let chosen = new Set(want === undefined ? inWindow : inWindow.slice(0, want));
  const extra: { stratum: number; day: Day }[] = [];
  const windowReachesFrom = options.from !== undefined && windowFrom === options.from;
  if (want !== undefined && inWindow.length < want && !windowReachesFrom) {
    // Fewer days than asked in the window: probe older folders (year, month, day listings).
    const before = to === undefined ? undefined : addDays(windowFrom as Day, -1);
    const older = await mapLimit(strata, concurrency, (s) => findDays(store, s.prefix, { from: options.from, to: before, want }, log));
    const all = [...new Set([...inWindow, ...older.flat()])].sort().reverse().slice(0, want);
    chosen = new Set(all);
    older.forEach((found, i) => found.filter((d) => chosen.has(d) && !inWindow.includes(d)).forEach((day) => extra.push({ stratum: i, day })));
  }
  const groups: Candidate[][] = listed.map((objects) => objects.filter((c) => chosen.has(c.day)));
  const extraListed = await mapLimit(extra, concurrency, (t) => listDay(store, (strata[t.stratum] as Stratum).prefix, t.day, log));
  extra.forEach((t, i) => groups[t.stratum]?.push(...(extraListed[i] ?? [])));
  return { days: [...chosen].sort(), groups };
}

async function listDay(store: ObjectStore, regionPrefix: string, day: Day, log: SkipLog): Promise<Candidate[]> {
  const folder = await listFolder(store, regionPrefix + dayFolder(day), log);
  if (folder === undefined) return [];
  for (const p of folder.prefixes) log.skip(p, "outside-layout");
  const out: Candidate[] = [];
  for (const o of folder.objects) {
    if (isLogFileName(lastSegment(o.key))) out.push({ ...o, day });
    else log.skip(o.key, "not-log-file");
  }
  return out;
}

/** Round-robin over strata; within a stratum, a seeded shuffle per day, days interleaved newest first. */
function select(groups: Candidate[][], ids: string[], options: SampleOptions, log: SkipLog): ObjectEntry[] {
  // No limit takes every file, and the caller sorts them: the seeded order would change nothing (and
  // costs ~8 us a file: 13 ms of a 1,650-file infer).
  if (options.perStratum === undefined && options.maxFiles === undefined && options.maxBytes === undefined) return groups.flat().map(entryOf);
  const seed = options.seed ?? DEFAULT_SEED;
  // The round's order is seeded too: with fewer files than strata, which strata get one is not alphabetical.
  const order = shuffled(
    groups.map((_, i) => i),
    seededRandom(`${seed}\u0000strata`),
  );
  const queues = order.map((i) => orderStratum(groups[i] ?? [], seededRandom(`${seed}\u0000${ids[i] ?? ""}`)));
  const taken = queues.map(() => 0);
  const next = queues.map(() => 0);
  const selected: ObjectEntry[] = [];
  let bytes = 0;
  for (let remaining = queues.reduce((n, q) => n + q.length, 0); remaining > 0;) {
    queues.forEach((queue, i) => {
      const file = queue[next[i] as number];
      if (file === undefined) return;
      next[i] = (next[i] as number) + 1;
      remaining -= 1;
      if (options.perStratum !== undefined && (taken[i] as number) >= options.perStratum) log.skip(file.key, "per-stratum");
      else if (options.maxFiles !== undefined && selected.length >= options.maxFiles) log.skip(file.key, "max-files");
      else if (options.maxBytes !== undefined && bytes + file.size > options.maxBytes) log.skip(file.key, "max-bytes");
      else {
        selected.push(entryOf(file));
        bytes += file.size;
        taken[i] = (taken[i] as number) + 1;
      }
    });
  }
  return selected;
}

function entryOf(file: Candidate): ObjectEntry {
  return { key: file.key, size: file.size, ...(file.version !== undefined ? { version: file.version } : {}) };
}

function orderStratum(files: Candidate[], random: () => number): Candidate[] {
  const byDay = new Map<Day, Candidate[]>();
  // Sorted first, so the shuffle depends only on the seed and the keys, not on listing order.
  for (const f of [...files].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const list = byDay.get(f.day) ?? [];
    list.push(f);
    byDay.set(f.day, list);
  }
  const lanes = [...byDay.keys()]
    .sort()
    .reverse()
    .map((d) => shuffled(byDay.get(d) ?? [], random));
  const out: Candidate[] = [];
  for (let i = 0; out.length < files.length; i++) for (const lane of lanes) if (lane[i] !== undefined) out.push(lane[i] as Candidate);
  return out;
}

/**
 * Checks sampling options, with messages that name the flag.
 *
 * @example
 *   validateSampleOptions({ days: 0 }); // throws USAGE_BAD_OPTION: --days must be a whole number of at least 1
 */
export function validateSampleOptions(options: SampleOptions): void {
  for (const [flag, value] of [
    ["days", options.days],
    ["max-files", options.maxFiles],
    ["per-stratum", options.perStratum],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new TrailhiveError("USAGE_BAD_OPTION", { problem: "not-whole", option: flag, value });
  }
  if (options.maxBytes !== undefined && (!Number.isFinite(options.maxBytes) || options.maxBytes < 1))
    throw new TrailhiveError("USAGE_BAD_OPTION", { problem: "not-bytes", option: "max-bytes", value: options.maxBytes });
  if (options.days !== undefined && options.days > MAX_DAYS) throw new TrailhiveError("USAGE_BAD_OPTION", { problem: "too-many-days", option: "days", value: options.days, maxDays: MAX_DAYS });
  checkDayRange(options, { from: "--from", to: "--to" }, "USAGE_BAD_OPTION");
  if (options.today !== undefined) checkDay(options.today, "today", "USAGE_BAD_OPTION");
}
