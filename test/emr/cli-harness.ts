import { Writable } from "node:stream";
import { gzipSync } from "node:zlib";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { main } from "../../src/cli/main.js";
import type { Terminal } from "../../src/cli/io.js";
import { readLogFile } from "../../src/records/read-log-file.js";
import { SchemaBuilder } from "../../src/schema/schema-builder.js";
import { serializeSchema } from "../../src/schema/schema-io.js";
import { startS3Server, type S3TestServer } from "../support/s3-server.js";
import { startEmrServer, type EmrTestServer } from "../support/emr-server.js";

/** A Terminal whose streams are captured; `stderr.text` can be watched while a command runs. */
export class Captured extends Writable {
  text = "";
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString("utf8");
    done();
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function terminal(options: { tty?: boolean; cwd?: string } = {}): Terminal & { stdout: Captured; stderr: Captured } {
  return {
    stdout: new Captured(options.tty ?? false),
    stderr: new Captured(options.tty ?? false),
    env: { AWS_REGION: "us-east-1" },
    cwd: options.cwd ?? process.cwd(),
  };
}

export async function runCli(argv: string[], options: { tty?: boolean; cwd?: string } = {}): Promise<CliRun> {
  const term = terminal(options);
  const code = await main(argv, term);
  return { code, stdout: term.stdout.text, stderr: term.stderr.text };
}

/** One security-group change, shaped like CloudTrail's (a hand-written example, not corpus data). */
export const SG_EVENT = {
  eventVersion: "1.09",
  userIdentity: { type: "IAMUser", principalId: "AIDAEXAMPLE", arn: "arn:aws:iam::111122223333:user/alice", accountId: "111122223333", accessKeyId: "AKIAEXAMPLE", userName: "alice" },
  eventTime: "2026-01-20T10:00:00Z",
  eventSource: "ec2.amazonaws.com",
  eventName: "AuthorizeSecurityGroupIngress",
  awsRegion: "us-east-1",
  sourceIPAddress: "198.51.100.7",
  userAgent: "aws-cli/2.15.0",
  requestParameters: { groupId: "sg-0123456789abcdef0", ipPermissions: { items: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: "0.0.0.0/0" }] } }] } },
  responseElements: { _return: true },
  requestID: "req-1",
  eventID: "11111111-2222-3333-4444-555555555555",
  readOnly: false,
  eventType: "AwsApiCall",
  managementEvent: true,
  recipientAccountId: "111122223333",
  eventCategory: "Management",
};

export interface EmrWorld {
  s3: S3TestServer;
  emr: EmrTestServer;
  clusterId: string;
  schemaPath: string;
  dir: string;
  /** the flags every EMR test run passes: endpoints, staging, fast polling */
  base(runId: string, extra?: string[]): string[];
  stop(): Promise<void>;
}

/**
 * An S3 test server holding one trail (one account x region x day) and the staging and log buckets,
 * an EMR test server with one WAITING cluster that logs to s3://emr-logs/, and a schema file.
 */
export async function startEmrWorld(): Promise<EmrWorld> {
  process.env.AWS_ACCESS_KEY_ID = "test";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
  const s3 = await startS3Server();
  for (const Bucket of ["trail", "staging", "emr-logs"]) await s3.client.send(new CreateBucketCommand({ Bucket }));
  const logKey = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/20/111122223333_CloudTrail_us-east-1_20260120T1005Z_abc.json.gz";
  const logBytes = gzipSync(Buffer.from(JSON.stringify({ Records: [SG_EVENT] })));
  await s3.client.send(new PutObjectCommand({ Bucket: "trail", Key: logKey, Body: logBytes }));
  const emr = await startEmrServer({ s3: s3.client });
  const clusterId = emr.addCluster({ logUri: "s3://emr-logs/" });

  const dir = mkdtempSync(path.join(tmpdir(), "trailhive-emr-"));
  const builder = new SchemaBuilder();
  builder.addFile(logKey, readLogFile(logBytes, logKey));
  const schemaPath = path.join(dir, "trailhive.schema.json");
  writeFileSync(schemaPath, serializeSchema(builder.finish(["s3://trail"])));

  return {
    s3,
    emr,
    clusterId,
    schemaPath,
    dir,
    base: (runId, extra = []) => [
      "run",
      "--query",
      "security-group-changes",
      "--param",
      "from=2026-01-20",
      "--param",
      "to=2026-01-20",
      "--location",
      "s3://trail",
      "--staging",
      "s3://staging/trailhive",
      "--schema",
      schemaPath,
      "--run-id",
      runId,
      "--region",
      "us-east-1",
      "--endpoint-url",
      s3.endpoint,
      "--emr-endpoint-url",
      emr.endpoint,
      "--poll-interval",
      "0.001",
      "--max-poll-interval",
      "0.004",
      "--log-wait",
      "10",
      "--log-poll-interval",
      "0.02",
      ...extra,
    ],
    async stop() {
      await emr.stop();
      await s3.stop();
    },
  };
}
