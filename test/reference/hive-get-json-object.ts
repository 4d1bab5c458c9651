/**
 * What Hive's get_json_object returns, written from Hive's documented behaviour (UDFJson) and not
 * from trailhive's templates: `$.a.b`, `$.a[0]`, `$.a[*].b`. A `[*]` that matches one element yields
 * that element itself; several yield a JSON array; a key applied to an array collects that key from
 * every element, flattening arrays one level. Scalars come back as their text, objects and arrays as
 * compact JSON. Anything that does not match is NULL.
 *
 * @example
 *   hiveGetJsonObject({ items: [{ p: 22 }] }, "$.items[*].p")             // "22"
 *   hiveGetJsonObject({ items: [{ p: 22 }, { p: 443 }] }, "$.items[*].p")  // "[22,443]"
 */
export function hiveGetJsonObject(column: unknown, path: string): string | null {
  const root = asJson(column);
  if (root === undefined || root === null) return null;
  const steps = path.split(".");
  if (steps[0] !== "$") return null;
  let current: unknown = root;
  for (const step of steps.slice(1)) {
    const m = /^([a-zA-Z0-9_\-:\s]+)((?:\[(?:[0-9]+|\*)\])*)$/.exec(step);
    if (m === null) return null;
    current = withKey(current, m[1] ?? "");
    if (current === null || current === undefined) return null;
    const indexes = [...(m[2] ?? "").matchAll(/\[([0-9]+|\*)\]/g)].map((x) => x[1] ?? "");
    if (indexes.length > 0) {
      current = withIndexes(current, indexes);
      if (current === null || current === undefined) return null;
    }
  }
  if (current === null || current === undefined) return null;
  return typeof current === "object" ? JSON.stringify(current) : String(current);
}

/** A STRING column holds JSON text; an object read from the JSON record is the same value already parsed. */
function asJson(column: unknown): unknown {
  if (typeof column === "string") {
    try {
      return JSON.parse(column);
    } catch {
      return undefined;
    }
  }
  if (typeof column === "object") return column;
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function withKey(json: unknown, key: string): unknown {
  if (Array.isArray(json)) {
    const out: unknown[] = [];
    for (const element of json) {
      if (!isObject(element)) continue;
      const value = element[key];
      if (Array.isArray(value)) out.push(...value);
      else if (value !== undefined && value !== null) out.push(value);
    }
    return out.length === 0 ? null : out;
  }
  if (isObject(json)) return json[key];
  return null;
}

function withIndexes(json: unknown, indexes: string[]): unknown {
  let list: unknown[] = [json];
  for (const index of indexes) {
    const next: unknown[] = [];
    for (const item of list) {
      if (!Array.isArray(item)) continue;
      if (index === "*") next.push(...item);
      else {
        const i = Number(index);
        if (i >= item.length) return null;
        next.push(item[i]);
      }
    }
    list = next;
  }
  if (list.length === 0) return null;
  return list.length > 1 ? list : list[0];
}
