import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { FileStager } from "../../../src/local/file-stager.js";
import { readLogFile } from "../../../src/records/read-log-file.js";

/**
 * What the local engine's table would hold for these files: staged through FileStager as `run`
 * stages them, read back as partition folder + parsed line, sorted (the order of lines in a table
 * decides no answer). Every line must be one JSON object.
 *
 * @example
 *   assert.deepEqual(await stagedEvents({ "a.json": native }), await stagedEvents({ "b.json": shape }));
 */
export async function stagedEvents(files: Record<string, Buffer>): Promise<string[]> {
  const { lines } = await stagedLines(files);
  return lines.map(({ folder, line }) => `${folder} ${JSON.stringify(JSON.parse(line))}`).sort();
}

/** The staged lines as written (partition folder and the line's own text, unparsed), and the records staged cut too deep. */
export async function stagedLines(files: Record<string, Buffer>): Promise<{ lines: { folder: string; line: string }[]; tooDeep: number }> {
  const root = mkdtempSync(join(tmpdir(), "trailhive-shapes-"));
  try {
    const stager = new FileStager({ root, read: readLogFile, inlineWrites: true });
    // the stager writes in place over the bytes it is given: give it its own copy
    for (const [key, bytes] of Object.entries(files)) await stager.stage(key, { bytes: Buffer.from(readLogInflated(bytes)), size: bytes.length });
    const { parts, tooDeep } = await stager.close();
    const lines: { folder: string; line: string }[] = [];
    for (const part of parts) {
      const text = gunzipSync(readFileSync(join(root, part.folder, part.file))).toString("utf8");
      for (const line of text.split("\n")) if (line !== "") lines.push({ folder: part.folder, line });
    }
    return { lines, tooDeep };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Staging is handed inflated bytes (loadLocalFile inflates), as it is in `run`. */
function readLogInflated(bytes: Buffer): Buffer {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}
