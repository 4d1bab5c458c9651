import { NOTES, SERDE2_JSON_SERDE, defineFlavor } from "../flavor.js";

/**
 * Apache Hive 4's JSON SerDe over EventBridge events as Firehose writes them to S3 with
 * AppendDelimiterToRecord (one event per line, under `<prefix>/YYYY/MM/DD/HH/`): the table
 * `<table>_envelope` declares the envelope with the record as `detail STRUCT<...>`, and a view named
 * `<table>` gives the same columns as the other flavors, so queries and typed views run unchanged.
 */
export const eventbridgeJsonl = defineFlavor({
  name: "eventbridge-jsonl",
  description: "Apache Hive 4: serde2.JsonSerDe over EventBridge events (Firehose, one per line), the record in detail, selected by a view",
  serde: SERDE2_JSON_SERDE,
  envelope: "eventbridge",
  partitionLayout: "firehose",
  engines: {
    emr: { status: "breaks", note: NOTES.hive3StringOverObject },
    athena: { status: "untested", note: "Support in Athena for org.apache.hadoop.hive.serde2.JsonSerDe is not checked" },
    hive3: { status: "breaks", note: NOTES.hive3StringOverObject },
    hive4: { status: "works", note: "measured on embedded Apache Hive 4.1.0: the serde2 and hcatalog JSON SerDes read every value of the corpus wrapped in EventBridge envelopes" },
  },
});
