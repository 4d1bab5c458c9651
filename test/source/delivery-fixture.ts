import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/**
 * The corpus laid out as CloudTrail delivers it: a single-account trail and an organisation trail,
 * several regions and days, with digest files, Insight files, another service's logs and stray
 * objects beside them. The log bodies are real corpus files (invictus, cloud-snitch, trailscraper),
 * gzipped as deliveries are; digest and Insight bodies follow AWS's documented formats.
 */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const corpusDir = resolve(repoRoot, "../shared/corpus");

/** Tests that need the corpus run when it is there, fail in CI without it, and skip otherwise. */
export function corpusSkip(): string | false {
  if (existsSync(corpusDir)) return false;
  if (process.env.CI === "true") throw new Error(`the corpus is missing at ${corpusDir}`);
  return "corpus not present";
}

export interface DeliveryObject {
  key: string;
  body: Buffer;
}

export const SINGLE_ACCOUNT = "111111111111";
export const ORG = "o-1234abcdef";
export const ORG_ACCOUNTS = ["222222222222", "333333333333"];
export const REGIONS = { single: ["us-east-1", "eu-west-1"], org: ["us-east-1", "ap-southeast-2"] };
export const DAYS = ["2024-03-29", "2024-03-30", "2024-03-31", "2024-04-01"];

interface RegionFolder {
  base: string;
  account: string;
  region: string;
}

function regionFolders(): RegionFolder[] {
  const out: RegionFolder[] = [];
  for (const region of REGIONS.single) out.push({ base: `AWSLogs/${SINGLE_ACCOUNT}/`, account: SINGLE_ACCOUNT, region });
  for (const account of ORG_ACCOUNTS) for (const region of REGIONS.org) out.push({ base: `AWSLogs/${ORG}/${account}/`, account, region });
  return out;
}

/** The real log bodies used, gzipped, in a fixed order. */
function logBodies(): Buffer[] {
  const invictus = join(corpusDir, "invictus-aws_dataset");
  const plain = readdirSync(invictus)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => gzipSync(readFileSync(join(invictus, f))));
  const snitch = [
    "cloud-snitch/aws-cloudtrail-logs/AWSLogs/333333333333/CloudTrail/us-east-1/2025/03/06/333333333333_CloudTrail_us-east-1_20250306T0320Z_ZgdYr0lP8M9fWEH8.json.gz",
    "cloud-snitch/aws-cloudtrail-logs/AWSLogs/o-1234abcde/222222222222/CloudTrail/us-east-1/2025/03/06/222222222222_CloudTrail_us-east-1_20250306T0230Z_QF6qcgyiaVnSueXa.json.gz",
    "trailscraper/111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json.gz",
  ].map((p) => readFileSync(join(corpusDir, p)));
  return [...plain, ...snitch];
}

/** Every object of the fixture bucket, sorted by key; `logKeys` are the CloudTrail log files among them. */
export function buildDeliveries(): { objects: DeliveryObject[]; logKeys: string[] } {
  const folders = regionFolders();
  const objects: DeliveryObject[] = [];
  const logKeys: string[] = [];
  logBodies().forEach((body, i) => {
    const folder = folders[i % folders.length] as RegionFolder;
    const day = DAYS[Math.floor(i / folders.length) % DAYS.length] as string;
    const stamp = `${day.replaceAll("-", "")}T${String(i % 24).padStart(2, "0")}${String((i * 5) % 60).padStart(2, "0")}Z`;
    const key = `${folder.base}CloudTrail/${folder.region}/${day.replaceAll("-", "/")}/${folder.account}_CloudTrail_${folder.region}_${stamp}_f${String(i).padStart(3, "0")}.json.gz`;
    objects.push({ key, body });
    logKeys.push(key);
  });
  for (const folder of folders) {
    const day = DAYS[1] as string;
    const path = day.replaceAll("-", "/");
    const compact = day.replaceAll("-", "");
    objects.push({
      key: `${folder.base}CloudTrail-Digest/${folder.region}/${path}/${folder.account}_CloudTrail-Digest_${folder.region}_main_${folder.region}_${compact}T000000Z.json.gz`,
      body: gzipSync(JSON.stringify(digest(folder, day))),
    });
  }
  const first = folders[0] as RegionFolder;
  objects.push({
    key: `${first.base}CloudTrail-Insight/${first.region}/2024/03/30/${first.account}_CloudTrail-Insight_${first.region}_20240330T1200Z_ins001.json.gz`,
    body: gzipSync(JSON.stringify(insight(first))),
  });
  objects.push({ key: `${first.base}Config/${first.region}/2024/3/30/ConfigHistory/${first.account}_Config_${first.region}_ConfigHistory_x.json.gz`, body: gzipSync('{"configurationItems":[]}') });
  objects.push({ key: `${first.base}CloudTrail/${first.region}/2024/03/30/notes.txt`, body: Buffer.from("not a log\n") });
  objects.push({ key: "README.txt", body: Buffer.from("bucket readme\n") });
  objects.sort((a, b) => (a.key < b.key ? -1 : 1));
  return { objects, logKeys: logKeys.sort() };
}

/** Writes the objects below `dir` as files, the layout a `aws s3 sync` copy of the bucket has. */
export function writeDeliveries(dir: string, objects: DeliveryObject[]): void {
  for (const o of objects) {
    const path = join(dir, ...o.key.split("/"));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, o.body);
  }
}

/** A digest file as AWS documents it (CloudTrail log file integrity validation). */
function digest(folder: RegionFolder, day: string): unknown {
  return {
    awsAccountId: folder.account,
    digestStartTime: `${day}T00:00:00Z`,
    digestEndTime: `${day}T01:00:00Z`,
    digestS3Bucket: "trail-logs",
    digestS3Object: `AWSLogs/${folder.account}/CloudTrail-Digest/${folder.region}/...`,
    digestPublicKeyFingerprint: "0123456789abcdef0123456789abcdef",
    digestSignatureAlgorithm: "SHA256withRSA",
    newestEventTime: `${day}T00:59:59Z`,
    oldestEventTime: `${day}T00:00:01Z`,
    previousDigestS3Bucket: "trail-logs",
    previousDigestS3Object: null,
    previousDigestHashValue: null,
    previousDigestHashAlgorithm: null,
    previousDigestSignature: null,
    logFiles: [
      { s3Bucket: "trail-logs", s3Object: "AWSLogs/.../x.json.gz", hashValue: "ab".repeat(32), hashAlgorithm: "SHA-256", newestEventTime: `${day}T00:59:59Z`, oldestEventTime: `${day}T00:00:01Z` },
    ],
  };
}

/** An Insight event file as AWS documents it (eventType AwsCloudTrailInsight). */
function insight(folder: RegionFolder): unknown {
  return {
    Records: [
      {
        eventVersion: "1.08",
        eventTime: "2024-03-30T12:00:00Z",
        awsRegion: folder.region,
        eventID: "11111111-2222-3333-4444-555555555555",
        eventType: "AwsCloudTrailInsight",
        recipientAccountId: folder.account,
        sharedEventID: "66666666-7777-8888-9999-000000000000",
        insightDetails: {
          state: "Start",
          eventSource: "ec2.amazonaws.com",
          eventName: "AuthorizeSecurityGroupIngress",
          insightType: "ApiCallRateInsight",
          insightContext: { statistics: { baseline: { average: 0.1 }, insight: { average: 12.5 }, insightDuration: 5 } },
        },
        eventCategory: "Insight",
      },
    ],
  };
}
