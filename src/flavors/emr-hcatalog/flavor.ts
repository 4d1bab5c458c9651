import { CLOUDTRAIL_INPUT_FORMAT, HCATALOG_JSON_SERDE, NOTES, defineFlavor } from "../flavor.js";

/**
 * Hive's HCatalog JSON SerDe over the CloudTrail input format: what AWS documents for Athena today.
 * On EMR it needs a SerDe that reads an object in a STRING column as JSON text, which Apache Hive
 * 3.1.3's does not. Apache's JSON SerDes have no `mapping.` property (HiveJsonReader matches struct
 * fields by name only), so odd keys cannot be renamed.
 */
export const emrHcatalog = defineFlavor({
  name: "emr-hcatalog",
  description: "HCatalog JsonSerDe + CloudTrailInputFormat (the current AWS Athena DDL)",
  serde: HCATALOG_JSON_SERDE,
  inputFormat: CLOUDTRAIL_INPUT_FORMAT,
  engines: {
    emr: { status: "breaks", note: NOTES.hive3StringOverObject },
    athena: { status: "works", note: "AWS's documented CloudTrail table for Athena" },
    hive3: { status: "breaks", note: NOTES.noCloudTrailInputFormat },
    hive4: { status: "breaks", note: NOTES.noCloudTrailInputFormat },
  },
});
