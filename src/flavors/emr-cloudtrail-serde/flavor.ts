import { CLOUDTRAIL_INPUT_FORMAT, NOTES, defineFlavor } from "../flavor.js";

/**
 * EMR's own CloudTrail SerDe over the CloudTrail input format: the table the seed's blog post used,
 * and the safe choice on EMR (its reader is Amazon's, not Hive 3.1.3's JSON SerDe). The SerDe is not
 * public, so nothing here is checked against real Hive; it is not known to map column names.
 */
export const emrCloudtrailSerde = defineFlavor({
  name: "emr-cloudtrail-serde",
  description: "EMR CloudTrailSerde + CloudTrailInputFormat (the classic AWS CloudTrail DDL)",
  serde: "com.amazon.emr.hive.serde.CloudTrailSerde",
  inputFormat: CLOUDTRAIL_INPUT_FORMAT,
  engines: {
    emr: { status: "works", note: "EMR ships the SerDe and the input format" },
    athena: { status: "works", note: "Athena documents this SerDe but says it does not handle some newer CloudTrail fields" },
    hive3: { status: "breaks", note: `the SerDe and ${NOTES.noCloudTrailInputFormat}` },
    hive4: { status: "breaks", note: `the SerDe and ${NOTES.noCloudTrailInputFormat}` },
  },
});
