import type { S3Client } from "@aws-sdk/client-s3";
import type { ResultSet } from "../output/format-results.js";
import { TrailhiveError } from "../errors.js";
import { parseResultText } from "./result-row-format.js";
import { listKeys, readObjectText } from "./s3-objects.js";
import { parseS3Uri } from "../values/s3-uri.js";

/**
 * Reads the files a step's INSERT OVERWRITE DIRECTORY wrote (000000_0, 000001_0, ... in name order,
 * which is the order of an ORDER BY's single reducer) and pairs the rows with the query's column names.
 * Markers such as `_SUCCESS` and `..._$folder$` are skipped.
 *
 * @example
 *   const { result } = await readStepResults(s3, "s3://staging/trailhive/results/r1/", ["who", "when"]);
 */
export async function readStepResults(s3: S3Client, resultsUri: string, columns: string[]): Promise<{ result: ResultSet; files: string[] }> {
  const at = parseS3Uri(resultsUri, "results folder");
  const prefix = at.key.endsWith("/") ? at.key : at.key + "/";
  const keys = (await listKeys(s3, { bucket: at.bucket, key: prefix }))
    .map((o) => o.key)
    .filter((k) => {
      const name = k.slice(prefix.length);
      return name !== "" && !name.includes("/") && !name.startsWith("_") && !name.startsWith(".") && !name.endsWith("$folder$");
    })
    .sort();
  const unreadable = keys.find((k) => /\.(snappy|zst|lz4|bz2|lzo)$/.test(k));
  if (unreadable !== undefined) {
    throw new TrailhiveError("EMR_RESULT_COMPRESSED", { bucket: at.bucket, key: unreadable });
  }
  const rows: (string | null)[][] = [];
  for (const key of keys) {
    const text = (await readObjectText(s3, { bucket: at.bucket, key })) ?? "";
    for (const row of parseResultText(text)) {
      if (row.length !== columns.length) {
        throw new TrailhiveError("EMR_RESULT_SHAPE", { bucket: at.bucket, key, fields: row.length, columns });
      }
      rows.push(row);
    }
  }
  return { result: { columns, rows }, files: keys.map((k) => `s3://${at.bucket}/${k}`) };
}
