import type { HiveType } from "./hive-type.js";

/**
 * What trailhive knows about CloudTrail records beyond what a sample shows.
 *
 * Column order is the order of AWS's current Athena DDL ("Create a table for CloudTrail logs in
 * Athena using manual partitioning", docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table.html,
 * checked 2026-11); fields the logs hold beyond it follow in name order. Each entry gives the JSON
 * spelling CloudTrail uses and the type AWS declares, used when the sample never saw the field, so a
 * query naming `errorcode` still compiles against a sample without errors.
 *
 * @example
 *   CLOUDTRAIL_COLUMNS[0] // { key: "eventversion", jsonKey: "eventVersion", awsType: { kind: "string" } }
 */
export interface ProfileColumn {
  key: string;
  jsonKey: string;
  awsType: HiveType;
}

const S: HiveType = { kind: "string" };
const struct = (fields: [string, string, HiveType][]): HiveType => ({
  kind: "struct",
  fields: fields.map(([name, jsonKey, type]) => ({ name, jsonKey, type })),
});

const SESSION_ISSUER = struct([
  ["type", "type", S],
  ["principalid", "principalId", S],
  ["arn", "arn", S],
  ["accountid", "accountId", S],
  ["username", "userName", S],
]);

/** AWS's `useridentity` column as its DDL declares it. */
const USER_IDENTITY = struct([
  ["type", "type", S],
  ["principalid", "principalId", S],
  ["arn", "arn", S],
  ["accountid", "accountId", S],
  ["invokedby", "invokedBy", S],
  ["accesskeyid", "accessKeyId", S],
  ["username", "userName", S],
  [
    "onbehalfof",
    "onBehalfOf",
    struct([
      ["userid", "userId", S],
      ["identitystorearn", "identityStoreArn", S],
    ]),
  ],
  [
    "sessioncontext",
    "sessionContext",
    struct([
      [
        "attributes",
        "attributes",
        struct([
          ["mfaauthenticated", "mfaAuthenticated", S],
          ["creationdate", "creationDate", S],
        ]),
      ],
      ["sessionissuer", "sessionIssuer", SESSION_ISSUER],
      ["ec2roledelivery", "ec2RoleDelivery", S],
      [
        "webidfederationdata",
        "webIdFederationData",
        struct([
          ["federatedprovider", "federatedProvider", S],
          ["attributes", "attributes", { kind: "map", values: S }],
        ]),
      ],
    ]),
  ],
]);

const col = (jsonKey: string, awsType: HiveType = S): ProfileColumn => ({ key: jsonKey.toLowerCase(), jsonKey, awsType });

/** AWS's documented columns, in AWS's order. */
export const CLOUDTRAIL_COLUMNS: readonly ProfileColumn[] = [
  col("eventVersion"),
  col("userIdentity", USER_IDENTITY),
  col("eventTime"),
  col("eventSource"),
  col("eventName"),
  col("awsRegion"),
  col("sourceIPAddress"),
  col("userAgent"),
  col("errorCode"),
  col("errorMessage"),
  col("requestParameters"),
  col("responseElements"),
  col("additionalEventData"),
  col("requestID"),
  col("eventID"),
  col("resources", {
    kind: "array",
    items: struct([
      ["arn", "ARN", S],
      ["accountid", "accountId", S],
      ["type", "type", S],
    ]),
  }),
  col("eventType"),
  col("apiVersion"),
  col("readOnly"),
  col("recipientAccountId"),
  col("serviceEventDetails"),
  col("sharedEventID"),
  col("vpcEndpointId"),
  col("vpcEndpointAccountId"),
  col("eventCategory"),
  col(
    "addendum",
    struct([
      ["reason", "reason", S],
      ["updatedfields", "updatedFields", S],
      ["originalrequestid", "originalRequestID", S],
      ["originaleventid", "originalEventID", S],
    ]),
  ),
  col("sessionCredentialFromConsole"),
  col("edgeDeviceDetails"),
  col(
    "tlsDetails",
    struct([
      ["tlsversion", "tlsVersion", S],
      ["ciphersuite", "cipherSuite", S],
      ["clientprovidedhostheader", "clientProvidedHostHeader", S],
    ]),
  ),
];

/**
 * Fields whose content varies by service: AWS declares them STRING and so does trailhive (their JSON
 * text, read with get_json_object), unless the user expands one. `edgeDeviceDetails` is an object in
 * the logs that AWS's DDL also declares STRING.
 */
export const JSON_TEXT_COLUMNS: ReadonlySet<string> = new Set(["requestparameters", "responseelements", "additionaleventdata", "serviceeventdetails", "edgedevicedetails"]);

/** Partition columns, in this order (docs/ARCHITECTURE.md, Decisions); all STRING. */
export const PARTITION_COLUMNS = ["account", "region", "year", "month", "day"] as const;
