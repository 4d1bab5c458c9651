import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";

/**
 * A small EMR on loopback speaking EMR's JSON 1.1 protocol (`POST /`, `x-amz-target:
 * ElasticMapReduce.<Op>`, `application/x-amz-json-1.1`, timestamps as epoch seconds, errors as HTTP 400
 * with `__type`). No emulator models step progress, so this one does, one poll at a time:
 * a step is PENDING on its first DescribeStep, RUNNING on the next (`runningPolls` times), then final.
 * Each step takes a scripted outcome; when it ends the server writes what EMR and Hive would into the
 * S3 test server: the query's answer (LazySimpleSerDe text in the script's INSERT OVERWRITE DIRECTORY
 * folder) and the gzipped step logs under `<LogUri>/<cluster>/steps/<step>/`, optionally late.
 *
 * @example
 *   const emr = await startEmrServer({ s3: s3.client });
 *   const id = emr.addCluster({ logUri: "s3://logs/emr/" });
 *   emr.scriptNextStep({ outcome: "COMPLETED", rows: [["alice"]] });
 *   ... the code under test, with an EMRClient whose endpoint is emr.endpoint ...
 */
export type StepScript =
  | { outcome: "COMPLETED"; rows?: (string | null)[][]; runningPolls?: number; logs?: StepLogs; logsDelayMs?: number }
  | { outcome: "FAILED"; failureDetails?: { Reason?: string; Message?: string; LogFile?: string }; runningPolls?: number; logs?: StepLogs; logsDelayMs?: number }
  /** stays RUNNING until CancelSteps or TerminateJobFlows */
  | { outcome: "hang"; logs?: StepLogs }
  /** the cluster is terminated under the running step after `runningPolls` polls */
  | { outcome: "cluster-terminated"; runningPolls?: number; code: string; message: string; logs?: StepLogs };

export interface StepLogs {
  stderr?: string;
  syslog?: string;
  controller?: string;
  stdout?: string;
}

interface StepRecord {
  id: string;
  name: string;
  actionOnFailure: string;
  jar: string;
  args: string[];
  state: string;
  polls: number;
  script: StepScript;
  created: number;
  started?: number;
  ended?: number;
  failureDetails?: { Reason?: string; Message?: string; LogFile?: string };
  cancelRequested: boolean;
}

interface ClusterRecord {
  id: string;
  name: string;
  state: string;
  reason?: { Code: string; Message: string };
  logUri?: string;
  releaseLabel: string;
  applications: { Name: string }[];
  tags: { Key: string; Value: string }[];
  keepAlive: boolean;
  /** created by RunJobFlow: walks STARTING -> BOOTSTRAPPING -> RUNNING on DescribeCluster */
  transient: boolean;
  steps: StepRecord[];
  created: number;
}

export interface EmrRequestLog {
  op: string;
  body: Record<string, unknown>;
  /** the HTTP status the server answered */
  status: number;
}

export interface EmrTestServer {
  endpoint: string;
  /** every request in arrival order, throttled ones included */
  requests: EmrRequestLog[];
  addCluster(options?: { id?: string; logUri?: string; state?: string; name?: string }): string;
  /** the outcome of the next step added (by AddJobFlowSteps or RunJobFlow); unscripted steps complete with no rows */
  scriptNextStep(script: StepScript): void;
  /** answer the next `times` calls of `op` with ThrottlingException */
  throttle(op: string, times: number): void;
  cluster(id: string): ClusterRecord | undefined;
  /** resolves when every delayed log upload has been written */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The bytes Hive writes for rows through LazySimpleSerDe with field.delim \001, escape.delim `\` and
 * serialization.escape.crlf (LazyUtils.writeEscaped): `\` before `\` and each separator byte
 * \001..\010, CR/LF as `\r`/`\n`, NULL as `\N`. Written here from Hive's rules, apart from the parser
 * under test, so the round trip checks one against the other.
 */
export const lazySimpleText = (rows: (string | null)[][]): string =>
  rows
    .map(
      (row) =>
        row
          .map((v) =>
            v === null
              ? "\\N"
              : // eslint-disable-next-line no-control-regex -- the separators \001..\010 are what LazySimpleSerDe escapes
                v.replace(/[\\\u0001-\u0008\r\n]/g, (ch) => (ch === "\r" ? "\\r" : ch === "\n" ? "\\n" : "\\" + ch)),
          )
          .join("\u0001") + "\n",
    )
    .join("");

const FINAL = new Set(["COMPLETED", "FAILED", "CANCELLED", "INTERRUPTED"]);
const ACCOUNT = "123456789012";
const REGION = "us-east-1";

class EmrError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function startEmrServer(options: { s3: S3Client }): Promise<EmrTestServer> {
  const clusters = new Map<string, ClusterRecord>();
  const scripts: StepScript[] = [];
  const throttles = new Map<string, number>();
  const requests: EmrRequestLog[] = [];
  const pending = new Set<Promise<unknown>>();
  let nextId = 1;
  // EMR ids are a prefix and 13 upper-case letters and digits; counting keeps them predictable.
  const newId = (prefix: string) => `${prefix}-${String(nextId++).padStart(13, "0")}`;
  const epoch = () => Date.now() / 1000;

  const track = (p: Promise<unknown>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const getCluster = (id: unknown): ClusterRecord => {
    const c = typeof id === "string" ? clusters.get(id) : undefined;
    if (!c) throw new EmrError("InvalidRequestException", `Cluster id '${String(id)}' is not valid.`, { ErrorCode: "INVALID_CLUSTER_ID" });
    return c;
  };
  const getStep = (c: ClusterRecord, id: unknown): StepRecord => {
    const s = c.steps.find((x) => x.id === id);
    if (!s) throw new EmrError("InvalidRequestException", `Step id '${String(id)}' is not valid.`, { ErrorCode: "INVALID_STEP_ID" });
    return s;
  };

  const addSteps = (c: ClusterRecord, steps: unknown): string[] => {
    if (!Array.isArray(steps) || steps.length === 0)
      throw new EmrError("ValidationException", "1 validation error detected: Value null at 'steps' failed to satisfy constraint: Member must not be null");
    return steps.map((raw) => {
      const s = raw as { Name?: string; ActionOnFailure?: string; HadoopJarStep?: { Jar?: string; Args?: string[] } };
      if (typeof s.Name !== "string" || typeof s.HadoopJarStep?.Jar !== "string") {
        throw new EmrError("ValidationException", "1 validation error detected: Value null at 'steps.1.member.hadoopJarStep.jar' failed to satisfy constraint: Member must not be null");
      }
      const step: StepRecord = {
        id: newId("s"),
        name: s.Name,
        actionOnFailure: s.ActionOnFailure ?? "TERMINATE_CLUSTER",
        jar: s.HadoopJarStep.Jar,
        args: s.HadoopJarStep.Args ?? [],
        state: "PENDING",
        polls: 0,
        script: scripts.shift() ?? { outcome: "COMPLETED" },
        created: epoch(),
        cancelRequested: false,
      };
      c.steps.push(step);
      return step.id;
    });
  };

  const s3Put = (uri: string, body: Buffer | string) => {
    const m = /^s3n?:\/\/([^/]+)\/(.*)$/.exec(uri);
    if (!m) throw new Error(`emr-server: not an S3 URI: ${uri}`);
    return options.s3.send(new PutObjectCommand({ Bucket: m[1], Key: m[2], Body: typeof body === "string" ? Buffer.from(body) : body }));
  };
  const s3Get = async (uri: string): Promise<string> => {
    const m = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
    if (!m) throw new Error(`emr-server: not an S3 URI: ${uri}`);
    const res = await options.s3.send(new GetObjectCommand({ Bucket: m[1], Key: m[2] }));
    return (await res.Body?.transformToString("utf8")) ?? "";
  };

  /** Side effects of a step ending: the answer (COMPLETED) and the step's logs, maybe late. */
  const finish = async (c: ClusterRecord, s: StepRecord) => {
    s.ended = epoch();
    if (s.state === "COMPLETED" && s.script.outcome === "COMPLETED") {
      const scriptUri = s.args[s.args.indexOf("-f") + 1];
      if (scriptUri !== undefined && scriptUri.startsWith("s3://")) {
        const script = await s3Get(scriptUri);
        // The directory literal as Hive would unescape it (quote.ts escapes only what a URI rarely holds).
        const dir = /INSERT OVERWRITE DIRECTORY '((?:[^'\\]|\\.)*)'/.exec(script)?.[1]?.replace(/\\(.)/g, "$1");
        if (dir !== undefined) await s3Put(dir.replace(/\/?$/, "/") + "000000_0", lazySimpleText(s.script.rows ?? []));
      }
    }
    const logs = s.script.logs;
    if (logs && c.logUri !== undefined) {
      const folder = c.logUri.replace(/\/?$/, "/") + `${c.id}/steps/${s.id}/`;
      const write = async () => {
        for (const [name, text] of Object.entries(logs)) if (text !== undefined) await s3Put(folder + name + ".gz", gzipSync(Buffer.from(text)));
      };
      const delay = "logsDelayMs" in s.script ? (s.script.logsDelayMs ?? 0) : 0;
      if (delay > 0) track(new Promise((r) => setTimeout(r, delay)).then(write));
      else await write();
    }
  };

  /** One DescribeStep: answer with the current state, then move one state on. */
  const advanceStep = async (c: ClusterRecord, s: StepRecord) => {
    s.polls++;
    if (FINAL.has(s.state)) return;
    if (s.state === "CANCEL_PENDING") {
      s.state = "CANCELLED";
      await finish(c, s);
      return;
    }
    if (s.state === "PENDING") {
      const ahead = c.steps.slice(0, c.steps.indexOf(s)).some((x) => !FINAL.has(x.state));
      if (!ahead && (c.state === "WAITING" || c.state === "RUNNING")) {
        s.state = "RUNNING";
        s.started = epoch();
        s.polls = 0;
        c.state = "RUNNING";
      }
      return;
    }
    // RUNNING
    const script = s.script;
    if (script.outcome === "hang") return;
    if (s.polls < ("runningPolls" in script ? (script.runningPolls ?? 1) : 1)) return;
    switch (script.outcome) {
      case "COMPLETED":
        s.state = "COMPLETED";
        break;
      case "FAILED":
        s.state = "FAILED";
        s.failureDetails = script.failureDetails ?? {
          Reason: "Unknown Error.",
          LogFile: c.logUri ? c.logUri.replace(/\/?$/, "/") + `${c.id}/steps/${s.id}/stderr.gz` : undefined,
        };
        break;
      case "cluster-terminated":
        terminate(c, { Code: script.code, Message: script.message });
        return;
    }
    await finish(c, s);
    afterStep(c);
  };

  const terminate = (c: ClusterRecord, reason: { Code: string; Message: string }) => {
    c.state = "TERMINATING";
    c.reason = reason;
    for (const s of c.steps) {
      if (s.state === "RUNNING") {
        s.state = "INTERRUPTED";
        track(finish(c, s));
      } else if (!FINAL.has(s.state)) {
        s.state = "CANCELLED";
        s.ended = epoch();
      }
    }
  };

  const afterStep = (c: ClusterRecord) => {
    const idle = c.steps.every((x) => FINAL.has(x.state));
    if (!idle) return;
    if (!c.keepAlive) terminate(c, { Code: "ALL_STEPS_COMPLETED", Message: "Steps completed" });
    else c.state = "WAITING";
  };

  /** One DescribeCluster: a new cluster boots one state per poll; a terminating one finishes. */
  const advanceCluster = (c: ClusterRecord) => {
    if (c.state === "STARTING") c.state = "BOOTSTRAPPING";
    else if (c.state === "BOOTSTRAPPING") c.state = c.steps.length > 0 ? "RUNNING" : "WAITING";
    else if (c.state === "TERMINATING") c.state = c.reason?.Code === "ALL_STEPS_COMPLETED" || c.reason?.Code === "USER_REQUEST" ? "TERMINATED" : "TERMINATED_WITH_ERRORS";
  };

  const stepJson = (s: StepRecord) => ({
    Id: s.id,
    Name: s.name,
    Config: { Jar: s.jar, Properties: {}, Args: s.args },
    ActionOnFailure: s.actionOnFailure,
    Status: {
      State: s.state,
      StateChangeReason: {},
      ...(s.failureDetails ? { FailureDetails: s.failureDetails } : {}),
      Timeline: { CreationDateTime: s.created, ...(s.started ? { StartDateTime: s.started } : {}), ...(s.ended ? { EndDateTime: s.ended } : {}) },
    },
  });

  const clusterJson = (c: ClusterRecord) => ({
    Id: c.id,
    Name: c.name,
    Status: { State: c.state, StateChangeReason: c.reason ?? {}, Timeline: { CreationDateTime: c.created } },
    ...(c.logUri !== undefined ? { LogUri: c.logUri } : {}),
    ReleaseLabel: c.releaseLabel,
    Applications: c.applications,
    Tags: c.tags,
    AutoTerminate: !c.keepAlive,
    ClusterArn: `arn:aws:elasticmapreduce:${REGION}:${ACCOUNT}:cluster/${c.id}`,
  });

  const handlers: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    async RunJobFlow(body) {
      const instances = (body.Instances ?? {}) as { KeepJobFlowAliveWhenNoSteps?: boolean };
      if (typeof body.Name !== "string") throw new EmrError("ValidationException", "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
      const c: ClusterRecord = {
        id: newId("j"),
        name: body.Name,
        state: "STARTING",
        logUri: body.LogUri as string | undefined,
        releaseLabel: String(body.ReleaseLabel ?? ""),
        applications: (body.Applications as { Name: string }[]) ?? [],
        tags: (body.Tags as { Key: string; Value: string }[]) ?? [],
        keepAlive: instances.KeepJobFlowAliveWhenNoSteps ?? false,
        transient: true,
        steps: [],
        created: epoch(),
      };
      clusters.set(c.id, c);
      if (body.Steps !== undefined) addSteps(c, body.Steps);
      return { JobFlowId: c.id, ClusterArn: clusterJson(c).ClusterArn };
    },
    async AddJobFlowSteps(body) {
      const c = getCluster(body.JobFlowId);
      if (c.state.startsWith("TERMINAT")) throw new EmrError("ValidationException", "A job flow that is shutting down, terminated, or finished may not be modified.");
      return { StepIds: addSteps(c, body.Steps) };
    },
    async DescribeStep(body) {
      const c = getCluster(body.ClusterId);
      const s = getStep(c, body.StepId);
      const answer = stepJson(s);
      await advanceStep(c, s);
      return { Step: answer };
    },
    async ListSteps(body) {
      const c = getCluster(body.ClusterId);
      return { Steps: [...c.steps].reverse().map(stepJson) };
    },
    async CancelSteps(body) {
      const c = getCluster(body.ClusterId);
      const ids = (body.StepIds as string[]) ?? [];
      return {
        CancelStepsInfoList: ids.map((id) => {
          const s = getStep(c, id);
          if (FINAL.has(s.state)) return { StepId: id, Status: "FAILED", Reason: `Step ${id} is in a final state and cannot be cancelled.` };
          s.cancelRequested = true;
          s.state = "CANCEL_PENDING";
          return { StepId: id, Status: "SUBMITTED" };
        }),
      };
    },
    async DescribeCluster(body) {
      const c = getCluster(body.ClusterId);
      const answer = clusterJson(c);
      advanceCluster(c);
      return { Cluster: answer };
    },
    async TerminateJobFlows(body) {
      for (const id of (body.JobFlowIds as string[]) ?? []) terminate(getCluster(id), { Code: "USER_REQUEST", Message: "Terminated by user request" });
      return {};
    },
    async AddTags(body) {
      const c = getCluster(body.ResourceId);
      for (const t of (body.Tags as { Key: string; Value: string }[]) ?? []) {
        c.tags = [...c.tags.filter((x) => x.Key !== t.Key), t];
      }
      return {};
    },
  };

  const respond = (res: ServerResponse, status: number, payload: unknown) => {
    const body = JSON.stringify(payload);
    res.writeHead(status, {
      "content-type": "application/x-amz-json-1.1",
      "content-length": Buffer.byteLength(body),
      "x-amzn-requestid": `req-${requests.length}`,
    });
    res.end(body);
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "");
      const op = target.startsWith("ElasticMapReduce.") ? target.slice("ElasticMapReduce.".length) : "";
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
      } catch {
        respond(res, 400, { __type: "SerializationException", Message: "Start of structure or map found where not expected." });
        return;
      }
      const log: EmrRequestLog = { op, body, status: 200 };
      requests.push(log);
      const throttled = throttles.get(op) ?? 0;
      if (throttled > 0) {
        throttles.set(op, throttled - 1);
        log.status = 400;
        respond(res, 400, { __type: "ThrottlingException", message: "Rate exceeded" });
        return;
      }
      const handler = handlers[op];
      if (req.method !== "POST" || handler === undefined) {
        log.status = 400;
        respond(res, 400, { __type: "UnknownOperationException" });
        return;
      }
      handler(body).then(
        (out) => respond(res, 200, out),
        (error: unknown) => {
          log.status = 400;
          if (error instanceof EmrError) respond(res, 400, { __type: error.type, Message: error.message, ...error.extra });
          else respond(res, 500, { __type: "InternalServerError", Message: String(error) });
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    addCluster(o = {}) {
      const id = o.id ?? newId("j");
      clusters.set(id, {
        id,
        name: o.name ?? "investigations",
        state: o.state ?? "WAITING",
        logUri: o.logUri,
        releaseLabel: "emr-7.12.0",
        applications: [{ Name: "Hive" }],
        tags: [],
        keepAlive: true,
        transient: false,
        steps: [],
        created: epoch(),
      });
      return id;
    },
    scriptNextStep(script) {
      scripts.push(script);
    },
    throttle(op, times) {
      throttles.set(op, times);
    },
    cluster: (id) => clusters.get(id),
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    async stop() {
      await Promise.all([...pending]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
