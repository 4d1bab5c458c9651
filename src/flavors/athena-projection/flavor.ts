import { CLOUDTRAIL_INPUT_FORMAT, HCATALOG_JSON_SERDE, NOTES, defineFlavor } from "../flavor.js";

/**
 * AWS's Athena table with partition projection: partitions are computed from TBLPROPERTIES and
 * `storage.location.template`, so nobody adds them. Projection is Athena-only; elsewhere the table
 * has no partitions until they are added.
 */
export const athenaProjection = defineFlavor({
  name: "athena-projection",
  description: "HCatalog JsonSerDe + CloudTrailInputFormat with Athena partition projection",
  serde: HCATALOG_JSON_SERDE,
  inputFormat: CLOUDTRAIL_INPUT_FORMAT,
  partitionProjection: true,
  engines: {
    emr: { status: "breaks", note: `partition projection is Athena-only (EMR sees no partitions), and ${NOTES.hive3StringOverObject}` },
    athena: { status: "works", note: "AWS's documented partition projection for CloudTrail" },
    hive3: { status: "breaks", note: NOTES.noCloudTrailInputFormat },
    hive4: { status: "breaks", note: NOTES.noCloudTrailInputFormat },
  },
});
