import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/**
 * Reads every CloudTrail record below a folder for the reference evaluator, on its own (it does not use
 * trailhive's reader, so a reader bug cannot hide in both sides): `{"Records":[...]}`, a JSON array,
 * JSON lines or one bare event, gzipped or not, whatever the file is called. Digest and Insight folders
 * (not part of the table) and files that are not JSON are left out.
 *
 * @example
 *   const records = loadRecords("../shared/corpus/cloudtrail-watcher");
 */
export function loadRecords(dir: string): Record<string, unknown>[] {
  return files(dir).flatMap((path) => parse(path));
}

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === "CloudTrail-Digest" || name === "CloudTrail-Insight" ? [] : files(path);
      return /^(README|LICENSE|MANIFEST)/.test(name) ? [] : [path];
    });
}

function parse(path: string): Record<string, unknown>[] {
  let text = readFileSync(path);
  if (text[0] === 0x1f && text[1] === 0x8b) text = gunzipSync(text);
  const s = text.toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(s);
  } catch {
    try {
      value = s
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as unknown);
    } catch {
      return [];
    }
  }
  const isEvent = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && ("eventName" in v || "eventVersion" in v);
  if (Array.isArray(value)) return value.filter(isEvent);
  if (typeof value === "object" && value !== null && Array.isArray((value as { Records?: unknown }).Records)) {
    return (value as { Records: unknown[] }).Records.filter(isEvent);
  }
  return isEvent(value) ? [value] : [];
}
