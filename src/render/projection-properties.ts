import type { SchemaFile } from "../schema/schema-file.js";

/**
 * Commercial AWS regions (2026-11): Athena projects a region partition for each, so a trail that
 * starts logging a new region needs no DDL change. Regions seen in the logs are added to it.
 */
export const AWS_REGIONS = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
] as const;

/** CloudTrail started in 2013; the upper bound is a choice (override with `projection.years`). */
export const DEFAULT_YEARS: readonly [string, string] = ["2013", "2040"];

/** What athena-projection projects; anything left out has a default. */
export interface ProjectionOptions {
  /** account ids to project; default: the accounts in the schema's provenance, else `injected` */
  accounts?: string[];
  /** regions to project; default: {@link AWS_REGIONS} plus any seen */
  regions?: string[];
  /** first and last year */
  years?: [string, string];
}

const LAYOUT = /(?:^|\/)AWSLogs\/(?:o-[a-z0-9]+\/)?(\d{12})\/CloudTrail\/([a-z0-9-]+)\//;

/**
 * Athena partition projection for the (account, region, year, month, day) partitions of a table
 * whose LOCATION is the `AWSLogs/` folder (or `AWSLogs/o-org/` for an organization trail).
 *
 * @example
 *   projectionProperties("s3://b/AWSLogs", schema, {})["storage.location.template"]
 *   // "s3://b/AWSLogs/${account}/CloudTrail/${region}/${year}/${month}/${day}"
 */
export function projectionProperties(location: string, schema: SchemaFile, options: ProjectionOptions): Record<string, string> {
  const seenAccounts = new Set<string>();
  const seenRegions = new Set<string>();
  for (const f of schema.provenance.files) {
    const m = LAYOUT.exec(f.path);
    if (m) {
      seenAccounts.add(m[1] as string);
      seenRegions.add(m[2] as string);
    }
  }
  const accounts = [...new Set(options.accounts ?? seenAccounts)].sort();
  const regions = [...new Set(options.regions ?? [...AWS_REGIONS, ...seenRegions])].sort();
  const [fromYear, toYear] = options.years ?? DEFAULT_YEARS;
  const base = location.replace(/\/+$/, "");
  return {
    "projection.enabled": "true",
    ...(accounts.length > 0
      ? { "projection.account.type": "enum", "projection.account.values": accounts.join(",") }
      : // Injected: every query must say `account = '...'`; no account is known to enumerate.
        { "projection.account.type": "injected" }),
    "projection.region.type": "enum",
    "projection.region.values": regions.join(","),
    "projection.year.type": "integer",
    "projection.year.range": `${fromYear},${toYear}`,
    "projection.month.type": "integer",
    "projection.month.range": "1,12",
    "projection.month.digits": "2",
    "projection.day.type": "integer",
    "projection.day.range": "1,31",
    "projection.day.digits": "2",
    "storage.location.template": `${base}/\${account}/CloudTrail/\${region}/\${year}/\${month}/\${day}`,
  };
}
