import type { DdlTemplates } from "../render/load-ddl-template.js";
import { TrailhiveError, type DetailsOf } from "../errors.js";
import type { SchemaFile } from "../schema/schema-file.js";
import { eventKey, renderView, type RenderedView, type ViewOptions } from "./render-view.js";

/** What one `trailhive view` call asked for: enough to render the same bytes again (`check` does). */
export interface ViewRequest extends ViewOptions {
  /** `SERVICE:EventName` or `eventSource:EventName` */
  event: string;
}

const HEADER = "-- trailhive view ";
/** A header holds names and paths only: nothing that would move a `hive -f` statement boundary. */
const SAFE = /^[A-Za-z0-9_.:-]+$/;

/**
 * The script `trailhive view` writes for some events: per view, a header comment that records the
 * request (so `trailhive check` can render the file again from the schema file alone), then its
 * statements, each ending with `;`. Views are separated by a blank line.
 *
 * @example
 *   renderViewScript(schema, [{ event: "ec2:AuthorizeSecurityGroupIngress", table: "cloudtrail", explode: "ipPermissions.items" }]).text
 *   // "-- trailhive view ec2.amazonaws.com:AuthorizeSecurityGroupIngress --table cloudtrail --explode ipPermissions.items --max-items 100\nDROP VIEW ..."
 */
export function renderViewScript(schema: SchemaFile, requests: readonly ViewRequest[], templates?: DdlTemplates): { text: string; views: RenderedView[] } {
  const views: RenderedView[] = [];
  const parts = requests.map((r) => {
    const view = renderView(schema, r.event, { ...r, ...(templates !== undefined ? { templates } : {}) });
    views.push(view);
    return headerOf(r) + "\n" + view.statements.map((s) => s.sql + ";\n").join("\n");
  });
  return { text: parts.join("\n"), views };
}

function headerOf(r: ViewRequest): string {
  const args = [eventKey(r.event), "--table", r.table];
  if (r.partitioned) args.push("--partitioned");
  if (r.name !== undefined) args.push("--name", r.name);
  if (r.explode !== undefined) args.push("--explode", r.explode, "--max-items", String(r.maxItems ?? 100));
  if (r.maxDepth !== undefined && r.maxDepth !== 4) args.push("--max-depth", String(r.maxDepth));
  for (const a of args) {
    if (!SAFE.test(a)) throw new TrailhiveError("USAGE_BAD_VIEW_ARGUMENT", { value: a });
  }
  return HEADER + args.join(" ");
}

/** What is wrong with a header line: CONFIG_BAD_VIEW_HEADER's details but the file and the line. */
type HeaderProblem = DetailsOf<"CONFIG_BAD_VIEW_HEADER"> extends infer D ? (D extends unknown ? Omit<D, "path" | "line"> : never) : never;

/**
 * The requests recorded in a view file's header lines, or an empty list when the file has none.
 *
 * @example
 *   parseViewHeaders("-- trailhive view ec2.amazonaws.com:CreateSecurityGroup --table ct\nDROP VIEW ...", "views/ct.hql")
 *   // [{ event: "ec2.amazonaws.com:CreateSecurityGroup", table: "ct" }]
 */
export function parseViewHeaders(text: string, path: string): ViewRequest[] {
  return text
    .split("\n")
    .filter((l) => l.startsWith(HEADER))
    .map((line) => {
      const [event, ...rest] = line.slice(HEADER.length).trim().split(/\s+/);
      const bad = (problem: HeaderProblem) => new TrailhiveError("CONFIG_BAD_VIEW_HEADER", { path, line, ...problem });
      if (event === undefined || event === "") throw bad({ problem: "no-event" });
      const request: ViewRequest = { event, table: "" };
      for (let i = 0; i < rest.length; i++) {
        const flag = rest[i] ?? ""; // i < rest.length: always there
        const value = () => {
          const v = rest[++i];
          if (v === undefined) throw bad({ problem: "no-value", flag });
          return v;
        };
        const number = () => {
          const n = Number(value());
          if (!Number.isInteger(n) || n < 1) throw bad({ problem: "not-a-whole-number", flag });
          return n;
        };
        if (flag === "--table") request.table = value();
        else if (flag === "--partitioned") request.partitioned = true;
        else if (flag === "--name") request.name = value();
        else if (flag === "--explode") request.explode = value();
        else if (flag === "--max-items") request.maxItems = number();
        else if (flag === "--max-depth") request.maxDepth = number();
        else throw bad({ problem: "unknown-option", flag });
      }
      if (request.table === "") throw bad({ problem: "no-table" });
      return request;
    });
}
