import type { ResultSet } from "../../src/output/format-results.js";
import { hiveGetJsonObject as json } from "./hive-get-json-object.js";

/**
 * The reference evaluator: for every library query, the answer computed in TypeScript straight from
 * the JSON records, written from the question (and Hive's documented semantics for NULL, ordering and
 * get_json_object), never from the templates. Hive's answers are compared with these.
 *
 * @example
 *   evaluateQuery("security-group-changes", { group_id: "sg-1" }, records).rows.length
 */
export function evaluateQuery(name: string, params: Record<string, string>, records: readonly unknown[]): ResultSet {
  const query = queries[name];
  if (query === undefined) throw new Error(`the reference evaluator has no query ${name}`);
  const events = records.filter(isObject).map(toEvent);
  return query({ ...params }, events);
}

/** Names of the queries the reference knows, so a test can check the library and the reference agree. */
export function referenceQueryNames(): string[] {
  return Object.keys(queries).sort();
}

type Value = string | null;
type Row = Value[];
type Params = Record<string, string>;

/** One record as a Hive row of the CloudTrail table sees it: top-level strings and the JSON-text columns. */
interface Event {
  raw: Record<string, unknown>;
  eventTime: Value;
  eventSource: Value;
  eventName: Value;
  awsRegion: Value;
  sourceIp: Value;
  userAgent: Value;
  errorCode: Value;
  errorMessage: Value;
  eventType: Value;
  eventId: Value;
  account: Value;
  arn: Value;
  userName: Value;
  userType: Value;
  principalId: Value;
  accessKeyId: Value;
  request: unknown;
  response: unknown;
  additional: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function text(v: unknown): Value {
  if (v === undefined || v === null) return null;
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

function toEvent(r: Record<string, unknown>): Event {
  const who = isObject(r.userIdentity) ? r.userIdentity : {};
  return {
    raw: r,
    eventTime: text(r.eventTime),
    eventSource: text(r.eventSource),
    eventName: text(r.eventName),
    awsRegion: text(r.awsRegion),
    sourceIp: text(r.sourceIPAddress),
    userAgent: text(r.userAgent),
    errorCode: text(r.errorCode),
    errorMessage: text(r.errorMessage),
    eventType: text(r.eventType),
    eventId: text(r.eventID),
    account: text(r.recipientAccountId),
    arn: text(who.arn),
    userName: text(who.userName),
    userType: text(who.type),
    principalId: text(who.principalId),
    accessKeyId: text(who.accessKeyId),
    request: r.requestParameters,
    response: r.responseElements,
    additional: r.additionalEventData,
  };
}

const GLOBAL_REGION = "us-east-1";

/** The date range and region every query takes; a NULL never passes a comparison, as in SQL. */
function inRange(e: Event, p: Params, options: { global: boolean }): boolean {
  const day = e.eventTime === null ? null : e.eventTime.slice(0, 10);
  if (p.from && (day === null || day < p.from)) return false;
  if (p.to && (day === null || day > p.to)) return false;
  if (p.region) {
    const allowed = options.global ? [p.region, GLOBAL_REGION] : [p.region];
    if (e.awsRegion === null || !allowed.includes(e.awsRegion)) return false;
  }
  return true;
}

/** ORDER BY a, b ascending: Hive puts NULL first. */
function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function byTimeAndId(columns: string[]) {
  const t = columns.indexOf("event_time");
  const id = columns.indexOf("event_id");
  return (a: Row, b: Row) => compare(a[t] ?? null, b[t] ?? null) || compare(a[id] ?? null, b[id] ?? null);
}

function eventRows(columns: string[], rows: Row[]): ResultSet {
  return { columns, rows: rows.sort(byTimeAndId(columns)) };
}

function matchesWho(p: Params, ...candidates: Value[]): boolean {
  return !p.who || candidates.some((c) => c === p.who);
}

const SG_EVENTS = [
  "AuthorizeSecurityGroupIngress",
  "AuthorizeSecurityGroupEgress",
  "RevokeSecurityGroupIngress",
  "RevokeSecurityGroupEgress",
  "ModifySecurityGroupRules",
  "CreateSecurityGroup",
  "DeleteSecurityGroup",
];

const IAM_EVENTS = new Set(
  (
    "CreateUser DeleteUser UpdateUser CreateGroup DeleteGroup AddUserToGroup RemoveUserFromGroup CreateRole DeleteRole UpdateRole " +
    "UpdateAssumeRolePolicy CreateAccessKey UpdateAccessKey DeleteAccessKey CreateLoginProfile UpdateLoginProfile DeleteLoginProfile " +
    "EnableMFADevice DeactivateMFADevice DeleteVirtualMFADevice CreatePolicy DeletePolicy CreatePolicyVersion DeletePolicyVersion " +
    "SetDefaultPolicyVersion AttachUserPolicy DetachUserPolicy PutUserPolicy DeleteUserPolicy AttachGroupPolicy DetachGroupPolicy " +
    "PutGroupPolicy DeleteGroupPolicy AttachRolePolicy DetachRolePolicy PutRolePolicy DeleteRolePolicy PutUserPermissionsBoundary " +
    "PutRolePermissionsBoundary"
  ).split(" "),
);

const DENIED = new Set(["AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation"]);

function first(...values: Value[]): Value {
  return values.find((v) => v !== null) ?? null;
}

const queries: Record<string, (p: Params, events: Event[]) => ResultSet> = {
  "security-group-changes": (p, events) => {
    const columns = [
      "event_time",
      "event_name",
      "group_id",
      "principal_arn",
      "user_name",
      "access_key_id",
      "source_ip",
      "aws_region",
      "account_id",
      "ip_protocol",
      "from_port",
      "to_port",
      "cidrs_ipv4",
      "cidrs_ipv6",
      "error_code",
      "event_id",
    ];
    const rows: Row[] = [];
    for (const e of events) {
      if (e.eventSource !== "ec2.amazonaws.com" || !SG_EVENTS.includes(e.eventName ?? "") || !inRange(e, p, { global: false })) continue;
      // AWS spells the newer ModifySecurityGroupRules request in PascalCase.
      const modify = "$.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule";
      const group = first(json(e.request, "$.groupId"), json(e.request, "$.ModifySecurityGroupRulesRequest.GroupId"), json(e.response, "$.groupId"));
      if (p.group_id && group !== p.group_id) continue;
      if (!matchesWho(p, e.arn, e.userName, e.accessKeyId)) continue;
      if (p.source_ip && e.sourceIp !== p.source_ip) continue;
      rows.push([
        e.eventTime,
        e.eventName,
        group,
        e.arn,
        e.userName,
        e.accessKeyId,
        e.sourceIp,
        e.awsRegion,
        e.account,
        first(json(e.request, "$.ipPermissions.items[*].ipProtocol"), json(e.request, `${modify}.IpProtocol`)),
        first(json(e.request, "$.ipPermissions.items[*].fromPort"), json(e.request, `${modify}.FromPort`)),
        first(json(e.request, "$.ipPermissions.items[*].toPort"), json(e.request, `${modify}.ToPort`)),
        first(json(e.request, "$.ipPermissions.items[*].ipRanges.items[*].cidrIp"), json(e.request, `${modify}.CidrIpv4`)),
        first(json(e.request, "$.ipPermissions.items[*].ipv6Ranges.items[*].cidrIpv6"), json(e.request, `${modify}.CidrIpv6`)),
        e.errorCode,
        e.eventId,
      ]);
    }
    return eventRows(columns, rows);
  },

  "root-account-use": (p, events) => {
    const columns = ["event_time", "event_source", "event_name", "principal_arn", "source_ip", "user_agent", "aws_region", "account_id", "error_code", "event_id"];
    const rows = events
      .filter((e) => e.userType === "Root" && e.eventType !== "AwsServiceEvent" && inRange(e, p, { global: true }))
      .map((e) => [e.eventTime, e.eventSource, e.eventName, e.arn, e.sourceIp, e.userAgent, e.awsRegion, e.account, e.errorCode, e.eventId]);
    return eventRows(columns, rows);
  },

  "console-sign-ins-without-mfa": (p, events) => {
    const columns = ["event_time", "principal_arn", "user_name", "user_type", "source_ip", "user_agent", "mfa_used", "aws_region", "account_id", "event_id"];
    const rows: Row[] = [];
    for (const e of events) {
      if (e.eventName !== "ConsoleLogin" || !inRange(e, p, { global: true })) continue;
      const mfa = json(e.additional, "$.MFAUsed");
      if (json(e.response, "$.ConsoleLogin") !== "Success" || mfa === "Yes") continue;
      if (!matchesWho(p, e.arn, e.userName)) continue;
      rows.push([e.eventTime, e.arn, e.userName, e.userType, e.sourceIp, e.userAgent, mfa, e.awsRegion, e.account, e.eventId]);
    }
    return eventRows(columns, rows);
  },

  "failed-sign-ins": (p, events) => {
    const columns = ["event_time", "user_name", "principal_arn", "user_type", "source_ip", "user_agent", "error_message", "mfa_used", "aws_region", "account_id", "event_id"];
    const rows: Row[] = [];
    for (const e of events) {
      if (e.eventName !== "ConsoleLogin" || !inRange(e, p, { global: true })) continue;
      if (json(e.response, "$.ConsoleLogin") !== "Failure") continue;
      if (!matchesWho(p, e.userName, e.arn)) continue;
      if (p.source_ip && e.sourceIp !== p.source_ip) continue;
      rows.push([e.eventTime, e.userName, e.arn, e.userType, e.sourceIp, e.userAgent, e.errorMessage, json(e.additional, "$.MFAUsed"), e.awsRegion, e.account, e.eventId]);
    }
    return eventRows(columns, rows);
  },

  "access-denied-by-principal": (p, events) => {
    const groups = new Map<Value, { count: number; first: Value; last: Value; names: Set<string> }>();
    for (const e of events) {
      if (e.errorCode === null || !DENIED.has(e.errorCode) || !inRange(e, p, { global: true })) continue;
      const principal = first(e.arn, e.principalId, e.userType);
      if (p.who && principal !== p.who) continue;
      const g = groups.get(principal) ?? { count: 0, first: null, last: null, names: new Set<string>() };
      g.count += 1;
      if (e.eventTime !== null) {
        if (g.first === null || e.eventTime < g.first) g.first = e.eventTime;
        if (g.last === null || e.eventTime > g.last) g.last = e.eventTime;
      }
      if (e.eventName !== null) g.names.add(e.eventName);
      groups.set(principal, g);
    }
    const rows = [...groups.entries()]
      .sort((a, b) => b[1].count - a[1].count || compare(a[0], b[0]))
      .map(([principal, g]) => [principal, String(g.count), g.first, g.last, [...g.names].sort().join(",")]);
    return { columns: ["principal", "denied_calls", "first_seen", "last_seen", "event_names"], rows };
  },

  "iam-changes": (p, events) => {
    const columns = [
      "event_time",
      "event_name",
      "principal_arn",
      "user_name",
      "target_user",
      "target_role",
      "target_group",
      "policy_arn",
      "source_ip",
      "aws_region",
      "account_id",
      "error_code",
      "event_id",
    ];
    const rows: Row[] = [];
    for (const e of events) {
      if (e.eventSource !== "iam.amazonaws.com" || !IAM_EVENTS.has(e.eventName ?? "") || !inRange(e, p, { global: true })) continue;
      const targets = [json(e.request, "$.userName"), json(e.request, "$.roleName"), json(e.request, "$.groupName"), json(e.request, "$.policyArn")];
      if (!matchesWho(p, e.arn, e.userName)) continue;
      if (p.target && !targets.includes(p.target)) continue;
      rows.push([e.eventTime, e.eventName, e.arn, e.userName, ...targets, e.sourceIp, e.awsRegion, e.account, e.errorCode, e.eventId]);
    }
    return eventRows(columns, rows);
  },

  "cloudtrail-tampering": (p, events) => {
    const columns = ["event_time", "event_name", "trail", "principal_arn", "user_name", "source_ip", "aws_region", "account_id", "error_code", "event_id"];
    const names = ["StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors"];
    const rows = events
      .filter((e) => e.eventSource === "cloudtrail.amazonaws.com" && names.includes(e.eventName ?? "") && inRange(e, p, { global: false }))
      .filter((e) => matchesWho(p, e.arn, e.userName))
      .map((e) => [e.eventTime, e.eventName, first(json(e.request, "$.name"), json(e.request, "$.trailName")), e.arn, e.userName, e.sourceIp, e.awsRegion, e.account, e.errorCode, e.eventId]);
    return eventRows(columns, rows);
  },

  "kms-key-deletion": (p, events) => {
    const columns = ["event_time", "event_name", "key_id", "pending_window_days", "deletion_date", "principal_arn", "user_name", "source_ip", "aws_region", "account_id", "error_code", "event_id"];
    const rows: Row[] = [];
    for (const e of events) {
      if (e.eventSource !== "kms.amazonaws.com" || !["ScheduleKeyDeletion", "DisableKey"].includes(e.eventName ?? "") || !inRange(e, p, { global: false })) continue;
      const key = json(e.request, "$.keyId");
      if (p.key_id && key !== p.key_id) continue;
      if (!matchesWho(p, e.arn, e.userName)) continue;
      rows.push([
        e.eventTime,
        e.eventName,
        key,
        json(e.request, "$.pendingWindowInDays"),
        json(e.response, "$.deletionDate"),
        e.arn,
        e.userName,
        e.sourceIp,
        e.awsRegion,
        e.account,
        e.errorCode,
        e.eventId,
      ]);
    }
    return eventRows(columns, rows);
  },

  "s3-bucket-policy-changes": (p, events) => {
    const columns = ["event_time", "event_name", "bucket", "principal_arn", "user_name", "source_ip", "aws_region", "account_id", "error_code", "event_id"];
    const names = ["PutBucketPolicy", "DeleteBucketPolicy", "PutBucketAcl", "PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock"];
    const rows: Row[] = [];
    for (const e of events) {
      if (e.eventSource !== "s3.amazonaws.com" || !names.includes(e.eventName ?? "") || !inRange(e, p, { global: false })) continue;
      const bucket = json(e.request, "$.bucketName");
      if (p.bucket && bucket !== p.bucket) continue;
      if (!matchesWho(p, e.arn, e.userName)) continue;
      rows.push([e.eventTime, e.eventName, bucket, e.arn, e.userName, e.sourceIp, e.awsRegion, e.account, e.errorCode, e.eventId]);
    }
    return eventRows(columns, rows);
  },

  "principal-activity": (p, events) => {
    if (!p.principal) throw new Error("principal-activity needs a principal");
    const columns = ["event_time", "event_source", "event_name", "principal_arn", "access_key_id", "source_ip", "user_agent", "aws_region", "account_id", "error_code", "event_id"];
    const rows = events
      .filter((e) => (e.arn === p.principal || e.accessKeyId === p.principal) && inRange(e, p, { global: true }))
      .map((e) => [e.eventTime, e.eventSource, e.eventName, e.arn, e.accessKeyId, e.sourceIp, e.userAgent, e.awsRegion, e.account, e.errorCode, e.eventId]);
    return eventRows(columns, rows);
  },
};
