import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { DescribeClusterCommand, EMRClient } from "@aws-sdk/client-emr";
import { startEmrServer, type EmrTestServer } from "./emr-server.js";
import { startS3Server, TEST_CREDENTIALS, type S3TestServer } from "./s3-server.js";

describe("EMR test server: the wire protocol", () => {
  let s3: S3TestServer;
  let emr: EmrTestServer;
  before(async () => {
    s3 = await startS3Server();
    emr = await startEmrServer({ s3: s3.client });
  });
  after(async () => {
    await emr.stop();
    await s3.stop();
  });

  const call = (op: string, body: unknown) =>
    fetch(emr.endpoint + "/", {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `ElasticMapReduce.${op}` },
      body: JSON.stringify(body),
    });

  it("answers ThrottlingException as EMR does: HTTP 400, JSON 1.1, __type", async () => {
    const id = emr.addCluster();
    emr.throttle("DescribeCluster", 1);
    const res = await call("DescribeCluster", { ClusterId: id });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get("content-type"), "application/x-amz-json-1.1");
    assert.deepEqual(await res.json(), { __type: "ThrottlingException", message: "Rate exceeded" });
    const ok = await call("DescribeCluster", { ClusterId: id });
    assert.equal(ok.status, 200);
    const cluster = ((await ok.json()) as { Cluster: { Id: string; Status: { State: string; Timeline: { CreationDateTime: unknown } } } }).Cluster;
    assert.equal(cluster.Id, id);
    assert.equal(cluster.Status.State, "WAITING");
    assert.equal(typeof cluster.Status.Timeline.CreationDateTime, "number", "timestamps are epoch seconds");
  });

  it("answers InvalidRequestException for an unknown cluster, which the real SDK surfaces by name", async () => {
    const res = await call("DescribeCluster", { ClusterId: "j-NOPE" });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { __type: string }).__type, "InvalidRequestException");
    const client = new EMRClient({ endpoint: emr.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS });
    try {
      await assert.rejects(client.send(new DescribeClusterCommand({ ClusterId: "j-NOPE" })), (e: Error) => e.name === "InvalidRequestException" && e.message === "Cluster id 'j-NOPE' is not valid.");
    } finally {
      client.destroy();
    }
  });

  it("refuses steps on a terminated cluster with EMR's ValidationException", async () => {
    const id = emr.addCluster();
    assert.equal((await call("TerminateJobFlows", { JobFlowIds: [id] })).status, 200);
    const res = await call("AddJobFlowSteps", { JobFlowId: id, Steps: [{ Name: "s", HadoopJarStep: { Jar: "command-runner.jar" } }] });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { __type: "ValidationException", Message: "A job flow that is shutting down, terminated, or finished may not be modified." });
  });

  it("adds tags with AddTags", async () => {
    const id = emr.addCluster();
    assert.equal((await call("AddTags", { ResourceId: id, Tags: [{ Key: "team", Value: "secops" }] })).status, 200);
    assert.deepEqual(emr.cluster(id)?.tags, [{ Key: "team", Value: "secops" }]);
  });
});
