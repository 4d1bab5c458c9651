import { TrailhiveError } from "../errors.js";

/**
 * The one parser of KEY=VALUE flags (`--param`, `--tag`, `--tblproperty`): split at the first `=`, so
 * a value may hold `=`. One rule for every flag: an entry without a key or without `=` is refused,
 * and so is a key given twice (which of the two was meant cannot be guessed).
 *
 * @example
 *   parseKeyValues(["group_id=sg-1", "from=2026-01-19"], "--param")  // { group_id: "sg-1", from: "2026-01-19" }
 *   parseKeyValues(["a=b=c"], "--tblproperty")                        // { a: "b=c" }
 */
export function parseKeyValues(entries: readonly string[], flag: string, form = "NAME=VALUE"): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf("=");
    if (at <= 0) throw new TrailhiveError("USAGE_BAD_KEY_VALUE", { flag, entry, form });
    const key = entry.slice(0, at);
    if (Object.hasOwn(out, key)) throw new TrailhiveError("USAGE_BAD_KEY_VALUE", { flag, key, twice: true });
    out[key] = entry.slice(at + 1);
  }
  return out;
}
