import { CLOUDTRAIL_INPUT_FORMAT, HCATALOG_JSON_SERDE, IGNORE_KEY_OUTPUT_FORMAT, NOTES, type Flavor } from "../flavor.js";

/**
 * AWS's Athena table with partition projection: partitions are computed from TBLPROPERTIES and
 * `storage.location.template`, so nobody adds them. Projection is Athena-only; elsewhere the table
 * has no partitions until they are added.
 */
export const athenaProjection = {
  name: "athena-projection",
  description: "HCatalog JsonSerDe + CloudTrailInputFormat with Athena partition projection",
  template: "athena-projection.hql.hbs",
  serde: HCATALOG_JSON_SERDE,
  serdeProperties: {},
  inputFormat: CLOUDTRAIL_INPUT_FORMAT,
  outputFormat: IGNORE_KEY_OUTPUT_FORMAT,
  rowPerFile: false,
  supportsPartitions: true,
  partitionProjection: true,
  fieldMapping: false,
  engines: {
    emr: { status: "breaks", note: `partition projection is Athena-only (EMR sees no partitions), and ${NOTES.hive3StringOverObject}` },
    athena: { status: "works", note: "AWS's documented partition projection for CloudTrail" },
    hive3: { status: "breaks", note: NOTES.noCloudTrailInputFormat },
    hive4: { status: "breaks", note: NOTES.noCloudTrailInputFormat },
  },
} as const satisfies Flavor;
