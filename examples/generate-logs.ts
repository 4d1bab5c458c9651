/**
 * Writes trailhive's example CloudTrail logs: small, fake, deterministic (same bytes every run), in the
 * native delivery format (one gzipped single-line `{"Records":[...]}` per file) under the S3 key
 * layout CloudTrail uses, so `trailhive infer examples/logs` and the investigation library run with no
 * AWS account. Events follow AWS's documented record formats (eventVersion 1.08-1.11); every account id
 * (111122223333, 444455556666), IP (203.0.113.x, 198.51.100.x) and key is a documentation example.
 *
 * The story (the seed's): the ingress rules of sg-0123456789abcdef0 kept changing during the week of
 * 2026-11-16 and broke test runs; who changed them, when, from where? Beside it, each investigation
 * of the library has a matching event and a near-miss (a read-only call, another group, another day).
 *
 * Layout written under the output folder (default examples/logs):
 *   AWSLogs/111122223333/CloudTrail/{us-east-1,eu-west-1}/2026/11/{16..20}/   a single-account trail
 *   AWSLogs/o-exampleorg1/444455556666/CloudTrail/{us-east-1,eu-west-1}/...   an organization trail
 *   AWSLogs/111122223333/CloudTrail-Digest/us-east-1/...                      a digest file
 *   AWSLogs/111122223333/CloudTrail-Insight/us-east-1/...                     an Insights file
 *
 * Run: `npm run examples:logs` (or `tsx examples/generate-logs.ts OUT_DIR`).
 */
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Event = { [key: string]: Json };

const ACCOUNT = "111122223333";
const ORG_ACCOUNT = "444455556666";
const ORG_ID = "o-exampleorg1";
const GROUP = "sg-0123456789abcdef0";
const OTHER_GROUP = "sg-0fedcba9876543210";
const TEMP_GROUP = "sg-0aaaabbbbccccdddd";
const ALICE_KEY = "AKIAIOSFODNN7EXAMPLE";
const BUCKET = "amzn-s3-demo-bucket";
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

/** a stable fake UUID from a label, so ids never depend on the run */
function uuid(label: string): string {
  const h = createHash("sha256").update(label).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function iamUser(account: string, name: string, accessKeyId: string): Event {
  return { type: "IAMUser", principalId: `AIDA${name.toUpperCase().padEnd(17, "X")}`, arn: `arn:aws:iam::${account}:user/${name}`, accountId: account, accessKeyId, userName: name };
}

function assumedRole(account: string, role: string, session: string, mfa: boolean): Event {
  return {
    type: "AssumedRole",
    principalId: `AROAEXAMPLEROLEID1234:${session}`,
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
    accountId: account,
    accessKeyId: "ASIAIOSFODNN7EXAMPLE",
    sessionContext: {
      sessionIssuer: { type: "Role", principalId: "AROAEXAMPLEROLEID1234", arn: `arn:aws:iam::${account}:role/${role}`, accountId: account, userName: role },
      webIdFederationData: {},
      attributes: { creationDate: "2026-11-16T08:00:00Z", mfaAuthenticated: mfa ? "true" : "false" },
    },
  };
}

function rootUser(account: string): Event {
  return { type: "Root", principalId: account, arn: `arn:aws:iam::${account}:root`, accountId: account, accessKeyId: "" };
}

const ALICE = iamUser(ACCOUNT, "alice", ALICE_KEY);
const BOB = iamUser(ACCOUNT, "bob", "AKIAI44QH8DHBEXAMPLE");
const CI = assumedRole(ACCOUNT, "ci-deployer", "build-4711", false);
const ORG_ADMIN = assumedRole(ORG_ACCOUNT, "OrganizationAccountAccessRole", "carol", true);

interface Spec {
  time: string;
  source: string;
  name: string;
  region?: string;
  who: Event;
  ip?: string;
  req?: Json;
  resp?: Json;
  error?: [string, string];
  version?: string;
  readOnly?: boolean;
  extra?: Event;
}

let counter = 0;
function event(s: Spec): Event {
  counter++;
  const account = String((s.who as { accountId: string }).accountId);
  const region = s.region ?? "us-east-1";
  const e: Event = {
    eventVersion: s.version ?? "1.09",
    userIdentity: s.who,
    eventTime: s.time,
    eventSource: s.source,
    eventName: s.name,
    awsRegion: region,
    sourceIPAddress: s.ip ?? "203.0.113.10",
    userAgent: s.ip === "198.51.100.7" ? "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5" : "aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.1",
  };
  if (s.error) {
    e.errorCode = s.error[0];
    e.errorMessage = s.error[1];
  }
  e.requestParameters = s.req ?? null;
  e.responseElements = s.resp ?? null;
  Object.assign(e, s.extra ?? {});
  e.requestID = uuid(`request ${counter}`);
  e.eventID = uuid(`event ${counter}`);
  e.readOnly = s.readOnly ?? false;
  e.eventType = "AwsApiCall";
  e.managementEvent = true;
  e.recipientAccountId = account;
  e.eventCategory = "Management";
  if ((s.version ?? "1.09") >= "1.08") e.tlsDetails = { tlsVersion: "TLSv1.3", cipherSuite: "TLS_AES_128_GCM_SHA256", clientProvidedHostHeader: `${s.source.split(".")[0]}.${region}.amazonaws.com` };
  return e;
}

function ipPermission(protocol: string, from: number, to: number, cidr: string, description?: string): Json {
  const range: Event = { cidrIp: cidr };
  if (description !== undefined) range.description = description;
  return { ipProtocol: protocol, fromPort: from, toPort: to, groups: {}, ipRanges: { items: [range] }, ipv6Ranges: {}, prefixListIds: {} };
}

function sgChange(name: string, time: string, who: Event, group: string, perm: Json, ip?: string, version = "1.09"): Event {
  return event({
    time,
    source: "ec2.amazonaws.com",
    name,
    who,
    ip,
    version,
    req: { groupId: group, ipPermissions: { items: [perm] } },
    resp: name.startsWith("Authorize")
      ? {
          requestId: uuid(`sg ${time}`),
          _return: true,
          securityGroupRuleSet: {
            items: [
              {
                groupOwnerId: ACCOUNT,
                groupId: group,
                securityGroupRuleId: `sgr-0${uuid(time).slice(0, 16).replace(/-/g, "")}`,
                isEgress: name.endsWith("Egress"),
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: "203.0.113.0/24",
              },
            ],
          },
        }
      : { requestId: uuid(`sg ${time}`), _return: true },
  });
}

function s3Extra(): Event {
  return {
    additionalEventData: {
      SignatureVersion: "SigV4",
      CipherSuite: "TLS_AES_128_GCM_SHA256",
      bytesTransferredIn: 0,
      AuthenticationMethod: "AuthHeader",
      "x-amz-id-2": "EXAMPLEid2EXAMPLEid2EXAMPLEid2=",
      bytesTransferredOut: 0,
    },
    resources: [{ type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::${BUCKET}`, accountId: ACCOUNT }],
  };
}

function consoleLogin(time: string, who: Event, ok: boolean, mfa: boolean, ip: string): Event {
  const e = event({
    time,
    source: "signin.amazonaws.com",
    name: "ConsoleLogin",
    who,
    ip,
    version: "1.08",
    resp: { ConsoleLogin: ok ? "Success" : "Failure" },
    error: ok ? undefined : ["", "Failed authentication"],
    extra: { additionalEventData: { LoginTo: "https://console.aws.amazon.com/console/home", MobileVersion: "No", MFAUsed: mfa ? "Yes" : "No" } },
  });
  if (!ok) delete e.errorCode;
  // Console sign-ins carry no access key.
  e.userIdentity = { ...who, accessKeyId: "" };
  e.eventType = "AwsConsoleSignIn";
  delete e.tlsDetails;
  return e;
}

/** The week's events for the single-account trail, by region. */
function accountEvents(): Event[] {
  const sg = "ec2.amazonaws.com";
  return [
    // Monday: the group is created and opened for the test runners.
    event({
      time: "2026-11-16T08:02:11Z",
      source: sg,
      name: "CreateSecurityGroup",
      who: CI,
      req: { groupName: "integration-tests", groupDescription: "test runners", vpcId: "vpc-0123456789abcdef0" },
      resp: { requestId: uuid("csg"), _return: true, groupId: GROUP },
    }),
    sgChange("AuthorizeSecurityGroupIngress", "2026-11-16T08:05:40Z", CI, GROUP, ipPermission("tcp", 443, 443, "203.0.113.0/24", "test runners"), undefined, "1.08"),
    event({
      time: "2026-11-16T09:15:00Z",
      source: sg,
      name: "DescribeSecurityGroups",
      who: ALICE,
      readOnly: true,
      req: { securityGroupSet: {}, securityGroupIdSet: { items: [{ groupId: GROUP }] }, filterSet: {} },
    }),
    consoleLogin("2026-11-16T07:58:02Z", ALICE, true, true, "203.0.113.10"),
    consoleLogin("2026-11-16T12:30:45Z", BOB, true, false, "198.51.100.23"),
    event({
      time: "2026-11-16T12:41:09Z",
      source: "iam.amazonaws.com",
      name: "CreateUser",
      who: BOB,
      ip: "198.51.100.23",
      req: { userName: "svc-backup" },
      resp: { user: { path: "/", userName: "svc-backup", userId: "AIDASVCBACKUPEXAMPLE", arn: `arn:aws:iam::${ACCOUNT}:user/svc-backup`, createDate: "Nov 16, 2026 12:41:09 PM" } },
    }),
    event({
      time: "2026-11-16T12:42:30Z",
      source: "iam.amazonaws.com",
      name: "CreateAccessKey",
      who: BOB,
      ip: "198.51.100.23",
      req: { userName: "svc-backup" },
      resp: { accessKey: { userName: "svc-backup", accessKeyId: "AKIAJSVCBACKUPEXAMPL", status: "Active", createDate: "Nov 16, 2026 12:42:30 PM" } },
    }),
    event({
      time: "2026-11-16T12:43:02Z",
      source: "iam.amazonaws.com",
      name: "AttachUserPolicy",
      who: BOB,
      ip: "198.51.100.23",
      req: { userName: "svc-backup", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
    }),
    event({ time: "2026-11-16T12:44:10Z", source: "iam.amazonaws.com", name: "GetUser", who: BOB, ip: "198.51.100.23", readOnly: true, req: { userName: "svc-backup" } }),
    // Tuesday: rules flip; the CI role revokes what alice opened, alice widens egress.
    sgChange("AuthorizeSecurityGroupIngress", "2026-11-17T10:12:03Z", ALICE, GROUP, ipPermission("tcp", 22, 22, "198.51.100.0/24")),
    sgChange("RevokeSecurityGroupIngress", "2026-11-17T10:47:55Z", CI, GROUP, ipPermission("tcp", 443, 443, "203.0.113.0/24")),
    sgChange("AuthorizeSecurityGroupEgress", "2026-11-17T11:03:20Z", ALICE, GROUP, ipPermission("-1", -1, -1, "0.0.0.0/0"), undefined, "1.10"),
    sgChange("AuthorizeSecurityGroupIngress", "2026-11-17T11:30:00Z", ALICE, OTHER_GROUP, ipPermission("tcp", 5432, 5432, "203.0.113.0/24")),
    event({
      time: "2026-11-17T11:31:00Z",
      source: sg,
      name: "AuthorizeSecurityGroupIngress",
      who: BOB,
      ip: "198.51.100.23",
      error: [
        "Client.UnauthorizedOperation",
        "You are not authorized to perform this operation. User: arn:aws:iam::111122223333:user/bob is not authorized to perform: ec2:AuthorizeSecurityGroupIngress on resource: arn:aws:ec2:us-east-1:111122223333:security-group/sg-0123456789abcdef0 because no identity-based policy allows the ec2:AuthorizeSecurityGroupIngress action.",
      ],
      req: { groupId: GROUP, ipPermissions: { items: [ipPermission("tcp", 3389, 3389, "0.0.0.0/0")] } },
    }),
    event({
      time: "2026-11-17T14:00:00Z",
      source: "s3.amazonaws.com",
      name: "PutBucketPolicy",
      who: ALICE,
      req: {
        bucketName: BUCKET,
        Host: `${BUCKET}.s3.amazonaws.com`,
        bucketPolicy: {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "ReadForTests",
              Effect: "Allow",
              Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci-deployer` },
              Action: ["s3:GetObject", "s3:ListBucket"],
              Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
            },
          ],
        },
        policy: "",
      },
      extra: s3Extra(),
    }),
    event({
      time: "2026-11-17T14:05:00Z",
      source: "s3.amazonaws.com",
      name: "GetBucketPolicy",
      who: ALICE,
      readOnly: true,
      req: { bucketName: BUCKET, Host: `${BUCKET}.s3.amazonaws.com`, policy: "" },
      extra: s3Extra(),
    }),
    // Wednesday: the role rewrites a rule in place (PascalCase request), then revokes egress.
    event({
      time: "2026-11-18T09:20:14Z",
      source: sg,
      name: "ModifySecurityGroupRules",
      who: CI,
      version: "1.11",
      req: {
        ModifySecurityGroupRulesRequest: {
          GroupId: GROUP,
          SecurityGroupRule: {
            SecurityGroupRuleId: "sgr-0123456789abcdef0",
            tag: 1,
            SecurityGroupRule: { IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIpv4: "0.0.0.0/0", Description: "temporary debug" },
          },
        },
      },
      resp: { ModifySecurityGroupRulesResponse: { xmlns: "http://ec2.amazonaws.com/doc/2016-11-15/", requestId: uuid("msgr"), return: true } },
    }),
    sgChange("RevokeSecurityGroupEgress", "2026-11-18T09:25:40Z", CI, GROUP, ipPermission("-1", -1, -1, "0.0.0.0/0"), undefined, "1.11"),
    event({
      time: "2026-11-18T10:00:00Z",
      source: "iam.amazonaws.com",
      name: "CreateUser",
      who: ALICE,
      error: [
        "AccessDenied",
        "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::111122223333:user/tmp because no identity-based policy allows the iam:CreateUser action",
      ],
      req: { userName: "tmp" },
    }),
    event({
      time: "2026-11-18T10:02:00Z",
      source: "iam.amazonaws.com",
      name: "PutUserPolicy",
      who: BOB,
      ip: "198.51.100.23",
      req: { userName: "svc-backup", policyName: "inline-s3", policyDocument: '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}' },
    }),
    event({
      time: "2026-11-18T10:30:00Z",
      source: "s3.amazonaws.com",
      name: "PutBucketAcl",
      who: BOB,
      ip: "198.51.100.23",
      req: {
        bucketName: BUCKET,
        Host: `${BUCKET}.s3.amazonaws.com`,
        acl: "",
        AccessControlPolicy: {
          AccessControlList: {
            Grant: { Grantee: { "xsi:type": "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers", "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance" }, Permission: "READ" },
          },
          Owner: { ID: "EXAMPLEcanonicalUSERid" },
          xmlns: "http://s3.amazonaws.com/doc/2006-03-01/",
        },
      },
      extra: s3Extra(),
    }),
    // Thursday: the temporary group goes, bob covers his tracks, a root login.
    event({ time: "2026-11-19T08:00:00Z", source: sg, name: "DeleteSecurityGroup", who: CI, req: { groupId: TEMP_GROUP }, resp: { requestId: uuid("dsg"), _return: true } }),
    sgChange("RevokeSecurityGroupIngress", "2026-11-19T08:10:00Z", ALICE, GROUP, ipPermission("tcp", 22, 22, "198.51.100.0/24"), "203.0.113.10", "1.10"),
    event({
      time: "2026-11-19T15:00:00Z",
      source: "s3.amazonaws.com",
      name: "DeleteBucketPolicy",
      who: BOB,
      ip: "198.51.100.23",
      req: { bucketName: BUCKET, Host: `${BUCKET}.s3.amazonaws.com`, policy: "" },
      extra: s3Extra(),
    }),
    event({
      time: "2026-11-19T15:10:00Z",
      source: "cloudtrail.amazonaws.com",
      name: "DescribeTrails",
      who: BOB,
      ip: "198.51.100.23",
      readOnly: true,
      req: { trailNameList: [], includeShadowTrails: true },
    }),
    event({
      time: "2026-11-19T15:12:00Z",
      source: "cloudtrail.amazonaws.com",
      name: "PutEventSelectors",
      who: BOB,
      ip: "198.51.100.23",
      req: { trailName: "management-events", eventSelectors: [{ readWriteType: "WriteOnly", includeManagementEvents: true, dataResources: [] }] },
      resp: {
        trailARN: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management-events`,
        eventSelectors: [{ readWriteType: "WriteOnly", includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] }],
      },
    }),
    event({
      time: "2026-11-19T15:14:00Z",
      source: "cloudtrail.amazonaws.com",
      name: "StopLogging",
      who: BOB,
      ip: "198.51.100.23",
      req: { name: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management-events` },
    }),
    event({ time: "2026-11-19T15:20:00Z", source: "iam.amazonaws.com", name: "DeleteUser", who: BOB, ip: "198.51.100.23", req: { userName: "svc-backup" } }),
    event({
      time: "2026-11-19T18:45:00Z",
      source: "iam.amazonaws.com",
      name: "ListUsers",
      who: rootUser(ACCOUNT),
      ip: "198.51.100.99",
      readOnly: true,
      req: null,
      extra: { userIdentity: { ...rootUser(ACCOUNT), accessKeyId: "ASIAROOTEXAMPLE12345", sessionContext: { attributes: { creationDate: "2026-11-19T18:40:00Z", mfaAuthenticated: "false" } } } },
    }),
    consoleLogin("2026-11-19T18:40:00Z", rootUser(ACCOUNT), true, false, "198.51.100.99"),
    // Friday: a failed sign-in, alice's key reads things, a decrypt.
    consoleLogin("2026-11-20T06:12:30Z", { type: "IAMUser", principalId: "AIDACKCEVSQ6C2EXAMPLE", accountId: ACCOUNT, accessKeyId: "", userName: "alice" }, false, false, "198.51.100.200"),
    event({ time: "2026-11-20T09:00:00Z", source: sg, name: "DescribeSecurityGroups", who: ALICE, readOnly: true, req: { securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} } }),
    event({
      time: "2026-11-20T09:01:00Z",
      source: "kms.amazonaws.com",
      name: "Decrypt",
      who: ALICE,
      readOnly: true,
      req: { encryptionAlgorithm: "SYMMETRIC_DEFAULT", encryptionContext: { "aws:s3:arn": `arn:aws:s3:::${BUCKET}/report.csv` } },
      extra: { resources: [{ accountId: ACCOUNT, type: "AWS::KMS::Key", ARN: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}` }] },
    }),
  ];
}

/** eu-west-1 of the single-account trail: few events, one of them the same group story elsewhere. */
function accountEuEvents(): Event[] {
  return [
    event({
      time: "2026-11-17T13:00:00Z",
      region: "eu-west-1",
      source: "kms.amazonaws.com",
      name: "DisableKey",
      who: BOB,
      ip: "198.51.100.23",
      req: { keyId: KEY_ID },
      extra: { resources: [{ accountId: ACCOUNT, type: "AWS::KMS::Key", ARN: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY_ID}` }] },
    }),
    event({
      time: "2026-11-17T13:05:00Z",
      region: "eu-west-1",
      source: "kms.amazonaws.com",
      name: "ScheduleKeyDeletion",
      who: BOB,
      ip: "198.51.100.23",
      req: { keyId: KEY_ID, pendingWindowInDays: 7 },
      resp: { keyId: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY_ID}`, deletionDate: "Nov 24, 2026, 12:00:00 AM", keyState: "PendingDeletion", pendingWindowInDays: 7 },
    }),
    event({
      time: "2026-11-18T16:00:00Z",
      region: "eu-west-1",
      source: "ec2.amazonaws.com",
      name: "DescribeSecurityGroups",
      who: ALICE,
      readOnly: true,
      req: { securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} },
    }),
  ];
}

/** The organization trail's member account: tampering and a root sign-in in both regions. */
function orgEvents(): Event[] {
  return [
    consoleLogin("2026-11-16T09:00:00Z", rootUser(ORG_ACCOUNT), true, true, "203.0.113.50"),
    event({
      time: "2026-11-17T09:30:00Z",
      source: "cloudtrail.amazonaws.com",
      name: "UpdateTrail",
      who: ORG_ADMIN,
      ip: "203.0.113.50",
      version: "1.11",
      req: { name: "org-trail", isMultiRegionTrail: false },
      resp: {
        name: "org-trail",
        s3BucketName: "amzn-s3-demo-org-trail",
        includeGlobalServiceEvents: true,
        isMultiRegionTrail: false,
        trailARN: `arn:aws:cloudtrail:us-east-1:${ORG_ACCOUNT}:trail/org-trail`,
        logFileValidationEnabled: true,
        isOrganizationTrail: true,
      },
    }),
    event({
      time: "2026-11-18T11:00:00Z",
      region: "eu-west-1",
      source: "cloudtrail.amazonaws.com",
      name: "DeleteTrail",
      who: ORG_ADMIN,
      ip: "203.0.113.50",
      version: "1.11",
      req: { name: `arn:aws:cloudtrail:eu-west-1:${ORG_ACCOUNT}:trail/regional` },
    }),
    event({
      time: "2026-11-18T11:05:00Z",
      region: "eu-west-1",
      source: "ec2.amazonaws.com",
      name: "AuthorizeSecurityGroupIngress",
      who: ORG_ADMIN,
      ip: "203.0.113.50",
      version: "1.11",
      req: { groupId: "sg-0bbbbccccddddeeee", ipPermissions: { items: [ipPermission("tcp", 80, 80, "0.0.0.0/0")] } },
      resp: { requestId: uuid("org sg"), _return: true },
    }),
    event({
      time: "2026-11-19T07:00:00Z",
      region: "eu-west-1",
      source: "s3.amazonaws.com",
      name: "GetBucketPolicy",
      who: ORG_ADMIN,
      ip: "203.0.113.50",
      readOnly: true,
      error: ["NoSuchBucketPolicy", "The bucket policy does not exist"],
      req: { bucketName: "amzn-s3-demo-org-bucket", Host: "amzn-s3-demo-org-bucket.s3.eu-west-1.amazonaws.com", policy: "" },
    }),
  ];
}

interface LogFile {
  key: string;
  body: Buffer;
  records: Event[];
}

/** Groups events into one file per account tree, region and day, named as CloudTrail names them. */
function logFiles(prefix: string, account: string, events: Event[]): LogFile[] {
  const groups = new Map<string, Event[]>();
  for (const e of events) {
    const day = String(e.eventTime).slice(0, 10);
    const k = `${String(e.awsRegion)}|${day}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, records]) => {
      const [region, day] = k.split("|") as [string, string];
      records.sort((a, b) => (String(a.eventTime) < String(b.eventTime) ? -1 : 1));
      const last = String(records[records.length - 1]!.eventTime);
      const stamp = last.replace(/[-:]/g, "").slice(0, 13) + "Z"; // 20261116T1244Z
      const unique = createHash("sha256")
        .update(k + account)
        .digest("hex")
        .slice(0, 16);
      const key = `${prefix}/CloudTrail/${region}/${day.replace(/-/g, "/")}/${account}_CloudTrail_${region}_${stamp}_${unique}.json.gz`;
      return { key, records, body: gzip(JSON.stringify({ Records: records })) };
    });
}

/** gzip with fixed settings; the header carries no name and mtime 0, so bytes are the same every run. */
function gzip(text: string): Buffer {
  return gzipSync(Buffer.from(text, "utf8"), { level: 9 });
}

function digestFile(logs: LogFile[]): LogFile {
  const inRegion = logs.filter((f) => f.key.includes("/us-east-1/2026/11/16/"));
  const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
  const digest = {
    awsAccountId: ACCOUNT,
    digestStartTime: "2026-11-16T07:00:00Z",
    digestEndTime: "2026-11-16T13:00:00Z",
    digestS3Bucket: "amzn-s3-demo-trail-bucket",
    digestS3Object: `AWSLogs/${ACCOUNT}/CloudTrail-Digest/us-east-1/2026/11/16/${ACCOUNT}_CloudTrail-Digest_us-east-1_management-events_us-east-1_20261116T130000Z.json.gz`,
    digestPublicKeyFingerprint: "0123456789abcdef0123456789abcdef",
    digestSignatureAlgorithm: "SHA256withRSA",
    newestEventTime: "2026-11-16T12:44:10Z",
    oldestEventTime: "2026-11-16T07:58:02Z",
    previousDigestS3Bucket: null,
    previousDigestS3Object: null,
    previousDigestHashValue: null,
    previousDigestHashAlgorithm: null,
    previousDigestSignature: null,
    logFiles: inRegion.map((f) => ({
      s3Bucket: "amzn-s3-demo-trail-bucket",
      s3Object: f.key,
      hashValue: sha(f.body),
      hashAlgorithm: "SHA-256",
      newestEventTime: f.records[f.records.length - 1]!.eventTime,
      oldestEventTime: f.records[0]!.eventTime,
    })),
  };
  return { key: digest.digestS3Object, records: [], body: gzip(JSON.stringify(digest)) };
}

function insightFile(): LogFile {
  const insight = (state: "Start" | "End", time: string): Event => ({
    eventVersion: "1.08",
    eventTime: time,
    awsRegion: "us-east-1",
    eventID: uuid(`insight ${state}`),
    eventType: "AwsCloudTrailInsight",
    recipientAccountId: ACCOUNT,
    sharedEventID: uuid("insight shared"),
    insightDetails: {
      state,
      eventSource: "ec2.amazonaws.com",
      eventName: "AuthorizeSecurityGroupIngress",
      insightType: "ApiCallRateInsight",
      insightContext: {
        statistics: { baseline: { average: 0.0208 }, insight: { average: 3 }, ...(state === "End" ? { insightDuration: 1, baselineDuration: 10079 } : {}) },
        attributions: [
          { attribute: "userIdentityArn", insight: [{ value: String(ALICE.arn), average: 2 }], baseline: [{ value: String(CI.arn), average: 0.0104 }] },
          { attribute: "userAgent", insight: [{ value: "aws-cli/2.17.20", average: 3 }], baseline: [{ value: "aws-cli/2.17.20", average: 0.0208 }] },
          {
            attribute: "errorCode",
            insight: [
              { value: "null", average: 2 },
              { value: "Client.UnauthorizedOperation", average: 1 },
            ],
            baseline: [{ value: "null", average: 0.0208 }],
          },
        ],
      },
    },
    eventCategory: "Insight",
  });
  const records = [insight("Start", "2026-11-17T10:12:00Z"), insight("End", "2026-11-17T11:31:00Z")];
  const key = `AWSLogs/${ACCOUNT}/CloudTrail-Insight/us-east-1/2026/11/17/${ACCOUNT}_CloudTrail-Insight_us-east-1_20261117T1135Z_${uuid("insight file").slice(0, 16).replace(/-/g, "")}.json.gz`;
  return { key, records, body: gzip(JSON.stringify({ Records: records })) };
}

/** Every example file with its key under the output folder. */
export function exampleLogFiles(): { key: string; body: Buffer }[] {
  counter = 0;
  const single = logFiles(`AWSLogs/${ACCOUNT}`, ACCOUNT, [...accountEvents(), ...accountEuEvents()]);
  const org = logFiles(`AWSLogs/${ORG_ID}/${ORG_ACCOUNT}`, ORG_ACCOUNT, orgEvents());
  return [...single, ...org, digestFile(single), insightFile()].map(({ key, body }) => ({ key, body }));
}

function main(): void {
  const out = resolve(process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), "logs"));
  rmSync(join(out, "AWSLogs"), { recursive: true, force: true });
  const files = exampleLogFiles();
  for (const f of files) {
    const path = join(out, f.key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.body);
  }
  process.stdout.write(`wrote ${files.length} files under ${out}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) main();
