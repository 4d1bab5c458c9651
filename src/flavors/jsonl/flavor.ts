import { NOTES, SERDE2_JSON_SERDE, defineFlavor } from "../flavor.js";

/**
 * Apache Hive 4's JSON SerDe over text files holding one event per line (as Firehose writes them,
 * and as the local engine stages logs). Native CloudTrail deliveries are not in this layout.
 */
export const jsonl = defineFlavor({
  name: "jsonl",
  description: "Apache Hive 4: serde2.JsonSerDe over JSON lines, one event per line",
  serde: SERDE2_JSON_SERDE,
  engines: {
    emr: { status: "breaks", note: NOTES.hive3StringOverObject },
    athena: { status: "untested", note: "Support in Athena for org.apache.hadoop.hive.serde2.JsonSerDe is not checked" },
    hive3: { status: "breaks", note: NOTES.hive3StringOverObject },
    hive4: { status: "works", note: "measured on embedded Apache Hive 4.1.0: a partitioned table over gzipped JSON lines answered the security-group query" },
  },
});
