import { NOTES, SERDE2_JSON_SERDE, defineFlavor } from "../flavor.js";

/**
 * Apache Hive 4 without Amazon's jars: each CloudTrail file (one line, `{"Records":[...]}`) is one
 * row of a `<table>_files` table with `records ARRAY<STRUCT<...>>`, and a view named `<table>`
 * explodes it into the same columns as the other flavors, so the same queries run on it.
 */
export const portable = defineFlavor({
  name: "portable",
  description: "Apache Hive 4: one row per file (records ARRAY<STRUCT>) through serde2.JsonSerDe, exploded by a view",
  serde: SERDE2_JSON_SERDE,
  rowPerFile: true,
  engines: {
    emr: { status: "breaks", note: NOTES.hive3StringOverObject },
    athena: { status: "untested", note: "Support in Athena for org.apache.hadoop.hive.serde2.JsonSerDe and for views over LATERAL VIEW is not checked" },
    hive3: { status: "breaks", note: NOTES.hive3StringOverObject },
    hive4: { status: "works", note: NOTES.hive4Measured },
  },
});
