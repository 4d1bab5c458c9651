import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createS3Client } from "../../src/aws/create-s3-client.js";
import { addDays } from "../../src/source/cloudtrail-layout.js";
import { listAll } from "../../src/source/object-store.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { S3Store } from "../../src/source/s3-store.js";
import { createSourceStats } from "../../src/source/source-stats.js";
import { startPreloadableS3Server, TEST_CREDENTIALS, type PreloadableS3Server } from "../support/s3-server.js";

const LAST_DAY = "2024-12-31";
const REGIONS = ["eu-west-1", "us-east-1"];
const FILES_PER_DAY = 10;

/** One account, two regions, `days` days of history ending on LAST_DAY. */
function load(s3: PreloadableS3Server, bucket: string, days: number): number {
  s3.createBucket(bucket);
  let n = 0;
  for (const region of REGIONS) {
    for (let d = 0; d < days; d++) {
      const day = addDays(LAST_DAY, -d);
      for (let i = 0; i < FILES_PER_DAY; i++) {
        s3.putObjectDirect(
          bucket,
          `AWSLogs/123456789012/CloudTrail/${region}/${day.replaceAll("-", "/")}/123456789012_CloudTrail_${region}_${day.replaceAll("-", "")}T00${String(i).padStart(2, "0")}Z_x.json.gz`,
          Buffer.from("{}"),
        );
        n++;
      }
    }
  }
  return n;
}

describe("what --days costs in LIST requests", () => {
  let s3: PreloadableS3Server;
  before(async () => {
    s3 = await startPreloadableS3Server();
  });
  after(async () => s3.stop());

  it("does not grow with the history behind the chosen days, and stays below a full listing", async () => {
    const shortHistory = load(s3, "month", 30);
    const longHistory = load(s3, "year", 365);
    const client = createS3Client({ endpointUrl: s3.endpoint, credentials: TEST_CREDENTIALS });
    try {
      const cost = async (bucket: string) => {
        const stats = createSourceStats();
        const resolved = await resolveSources([`s3://${bucket}`], { days: 3, today: "2025-01-01" }, { s3Client: client, stats });
        assert.equal(resolved.files.length, REGIONS.length * 3 * FILES_PER_DAY);
        assert.deepEqual(resolved.sampling?.[0]?.days, ["2024-12-29", "2024-12-30", "2024-12-31"]);
        return stats.listRequests;
      };
      const [month, year] = [await cost("month"), await cost("year")];
      assert.equal(month, year, `${shortHistory} objects: ${month} LISTs; ${longHistory} objects: ${year} LISTs`);
      const full = createSourceStats();
      let keys = 0;
      for await (const _ of listAll(new S3Store(client, { bucket: "year", stats: full }), "")) keys++;
      assert.equal(keys, longHistory);
      assert.ok(year < full.listRequests, `${year} LISTs to sample vs ${full.listRequests} to list everything`);
    } finally {
      client.destroy();
    }
  });
});
