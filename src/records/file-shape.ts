import type { Container, Framing } from "../schema/schema-file.js";

/**
 * A log file's shape as the reader names it (and as provenance keeps it): its container, and for an
 * envelope shape in a file of several values, how they were laid out (`lines`: one a line, what Hive's
 * JSON SerDes read; `concatenated`: pretty-printed or `}{`, as Firehose writes without
 * AppendDelimiterToRecord). Bare records name their layout in the container itself (`lines`,
 * `concatenated`).
 */
export interface FileShape {
  container: Container;
  framing?: Framing;
}

/** Log files of one shape. */
export interface FileShapeCount extends FileShape {
  files: number;
}

/**
 * Counts files by shape, in a stable order (container, then framing), for infer's summary and
 * ddl's data-shape warnings.
 *
 * @example
 *   countFileShapes([{ container: "eventbridge", framing: "concatenated" }, { container: "records" }, { container: "records" }])
 *   // [{ container: "eventbridge", framing: "concatenated", files: 1 }, { container: "records", files: 2 }]
 */
export function countFileShapes(files: Iterable<Partial<FileShape>>): FileShapeCount[] {
  const counts = new Map<string, FileShapeCount>();
  for (const f of files) {
    if (f.container === undefined) continue;
    const name = fileShapeName({ container: f.container, framing: f.framing });
    const known = counts.get(name);
    if (known !== undefined) known.files++;
    else counts.set(name, f.framing === undefined ? { container: f.container, files: 1 } : { container: f.container, framing: f.framing, files: 1 });
  }
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

/**
 * The shape as people read it: the container, with the framing when there is one.
 *
 * @example
 *   fileShapeName({ container: "eventbridge", framing: "concatenated" })  // "eventbridge (concatenated)"
 */
export function fileShapeName(shape: FileShape): string {
  return shape.framing === undefined ? shape.container : `${shape.container} (${shape.framing})`;
}
