import { test } from "node:test";
import assert from "node:assert/strict";
import { renderTable, type TableOptions } from "../../src/render/render-table.js";
import { FLAVOR_NAMES, type FlavorName } from "../../src/flavors/index.js";
import type { StatementKind, TableSpec } from "../../src/render/rendered-script.js";
import { field, object, schemaOf, S, SMALL_SCHEMA } from "./support/small-schema.js";

// kysely's testSql pattern: every test states what each flavor renders, or "not supported"; the
// Record over FlavorName makes a new flavor fail to compile until each test says what it does.
type PerFlavor<T> = Record<FlavorName, T | "not supported">;

function eachFlavor<T>(expected: PerFlavor<T>, check: (flavor: FlavorName, expected: T) => void): void {
  for (const flavor of FLAVOR_NAMES) {
    const e = expected[flavor];
    if (e !== "not supported") check(flavor, e);
  }
}

const base = (flavor: FlavorName, extra: Partial<TableOptions> = {}): TableOptions => ({
  flavor,
  table: "trail",
  location: "s3://bucket/AWSLogs/",
  partitioned: true,
  ...extra,
});

test("storage clause: the SerDe and formats each flavor writes", () => {
  const byInputFormat = (serde: string) =>
    `ROW FORMAT SERDE '${serde}'\nSTORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'\nOUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'\nLOCATION`;
  const textfile = "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.JsonSerDe'\nSTORED AS TEXTFILE\nLOCATION";
  eachFlavor<string>(
    {
      "emr-cloudtrail-serde": byInputFormat("com.amazon.emr.hive.serde.CloudTrailSerde"),
      "emr-hcatalog": byInputFormat("org.apache.hive.hcatalog.data.JsonSerDe"),
      "athena-projection": byInputFormat("org.apache.hive.hcatalog.data.JsonSerDe"),
      portable: textfile,
      jsonl: textfile,
      "eventbridge-jsonl": textfile,
    },
    (flavor, expected) => assert.ok(renderTable(SMALL_SCHEMA, base(flavor)).text.includes(expected), flavor),
  );
});

test("statements: one CREATE TABLE, plus the exploding view for the row-per-file flavor", () => {
  eachFlavor<StatementKind[]>(
    {
      "emr-cloudtrail-serde": ["create-table"],
      "emr-hcatalog": ["create-table"],
      "athena-projection": ["create-table"],
      portable: ["create-table", "create-view"],
      jsonl: ["create-table"],
      "eventbridge-jsonl": ["create-table", "create-view"],
    },
    (flavor, expected) =>
      assert.deepEqual(
        renderTable(SMALL_SCHEMA, base(flavor)).statements.map((s) => s.kind),
        expected,
        flavor,
      ),
  );
});

test("IF NOT EXISTS reaches every CREATE when asked, and only then", () => {
  eachFlavor<string[]>(
    {
      "emr-cloudtrail-serde": ["CREATE EXTERNAL TABLE IF NOT EXISTS trail ("],
      "emr-hcatalog": ["CREATE EXTERNAL TABLE IF NOT EXISTS trail ("],
      "athena-projection": ["CREATE EXTERNAL TABLE IF NOT EXISTS trail ("],
      portable: ["CREATE EXTERNAL TABLE IF NOT EXISTS trail_files (", "CREATE VIEW IF NOT EXISTS trail"],
      jsonl: ["CREATE EXTERNAL TABLE IF NOT EXISTS trail ("],
      "eventbridge-jsonl": ["CREATE EXTERNAL TABLE IF NOT EXISTS trail_envelope (", "CREATE VIEW IF NOT EXISTS trail"],
    },
    (flavor, expected) => {
      const on = renderTable(SMALL_SCHEMA, base(flavor, { ifNotExists: true }));
      assert.deepEqual(
        on.statements.map((s) => s.sql.split("\n")[0]),
        expected,
        flavor,
      );
      const off = renderTable(SMALL_SCHEMA, base(flavor));
      assert.ok(
        off.statements.every((s) => !s.sql.includes("IF NOT EXISTS")),
        flavor,
      );
    },
  );
});

test("TableSpec describes the table as the DDL does, for the Hive harness", () => {
  const record = renderTable(SMALL_SCHEMA, base("jsonl")).table.columns;
  const records = `array<struct<${record.map((c) => `${c.name}:${c.type}`).join(",")}>>`;
  const cloudtrail = { inputFormat: "com.amazon.emr.cloudtrail.CloudTrailInputFormat", outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat" };
  const text = { inputFormat: "org.apache.hadoop.mapred.TextInputFormat", outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat" };
  const parts = ["account", "region", "year", "month", "day"];
  const envelope = ["version", "id", "source", "account", "time", "region"].map((name) => ({ name, type: "string", jsonKey: name }));
  envelope.push({ name: "resources", type: "array<string>", jsonKey: "resources" });
  type Spec = Omit<TableSpec, "columns"> & { columns: string };
  eachFlavor<Spec>(
    {
      "emr-cloudtrail-serde": {
        name: "trail",
        flavor: "emr-cloudtrail-serde",
        serde: "com.amazon.emr.hive.serde.CloudTrailSerde",
        serdeProperties: {},
        ...cloudtrail,
        columns: "per-event",
        partitionColumns: parts,
        rowPerFile: false,
      },
      "emr-hcatalog": {
        name: "trail",
        flavor: "emr-hcatalog",
        serde: "org.apache.hive.hcatalog.data.JsonSerDe",
        serdeProperties: {},
        ...cloudtrail,
        columns: "per-event",
        partitionColumns: parts,
        rowPerFile: false,
      },
      "athena-projection": {
        name: "trail",
        flavor: "athena-projection",
        serde: "org.apache.hive.hcatalog.data.JsonSerDe",
        serdeProperties: {},
        ...cloudtrail,
        columns: "per-event",
        partitionColumns: parts,
        rowPerFile: false,
      },
      portable: {
        name: "trail_files",
        flavor: "portable",
        serde: "org.apache.hadoop.hive.serde2.JsonSerDe",
        serdeProperties: {},
        ...text,
        columns: "records",
        partitionColumns: parts,
        rowPerFile: true,
        viewName: "trail",
      },
      jsonl: { name: "trail", flavor: "jsonl", serde: "org.apache.hadoop.hive.serde2.JsonSerDe", serdeProperties: {}, ...text, columns: "per-event", partitionColumns: parts, rowPerFile: false },
      "eventbridge-jsonl": {
        name: "trail_envelope",
        flavor: "eventbridge-jsonl",
        serde: "org.apache.hadoop.hive.serde2.JsonSerDe",
        serdeProperties: {},
        ...text,
        columns: "envelope",
        partitionColumns: ["year", "month", "day", "hour"],
        rowPerFile: false,
        viewName: "trail",
      },
    },
    (flavor, expected) => {
      const spec = renderTable(SMALL_SCHEMA, base(flavor)).table;
      const { columns, ...rest } = spec;
      const { columns: kind, ...expectedRest } = expected;
      assert.deepEqual(rest, expectedRest, flavor);
      if (kind === "records") assert.deepEqual(columns, [{ name: "records", type: records, jsonKey: "Records" }], flavor);
      else if (kind === "envelope") assert.deepEqual(columns, [...envelope, { name: "detail", type: `struct<${record.map((c) => `${c.name}:${c.type}`).join(",")}>`, jsonKey: "detail" }], flavor);
      else assert.deepEqual(columns, record, flavor);
    },
  );
  // Column types are TypeInfo strings: lower-case, no backquotes, no spaces.
  const rp = record.find((c) => c.name === "readonly");
  assert.deepEqual(rp, { name: "readonly", type: "boolean", jsonKey: "readOnly" });
  assert.deepEqual(
    record.slice(0, 3).map((c) => c.name),
    ["eventversion", "useridentity", "eventtime"],
  );
});

test("partitioned: (account, region, year, month, day) STRING on every flavor; athena-projection projects them", () => {
  const clause = "PARTITIONED BY (account STRING, region STRING, `year` STRING, `month` STRING, `day` STRING)";
  const schema = schemaOf(object(field("eventName", S)), ["AWSLogs/o-abc123/111122223333/CloudTrail/eu-west-1/2024/01/02/x.json.gz", "AWSLogs/444455556666/CloudTrail/zz-test-9/2024/01/02/y.json.gz"]);
  eachFlavor<{ partitions: string; projection: string | null }>(
    {
      "emr-cloudtrail-serde": { partitions: clause, projection: null },
      "emr-hcatalog": { partitions: clause, projection: null },
      "athena-projection": {
        partitions: clause,
        projection: "'storage.location.template'='s3://bucket/AWSLogs/${account}/CloudTrail/${region}/${year}/${month}/${day}'",
      },
      portable: { partitions: clause, projection: null },
      jsonl: { partitions: clause, projection: null },
      // Firehose's keys hold the hour only; account and region are the envelope's fields (the view's columns).
      "eventbridge-jsonl": { partitions: "PARTITIONED BY (`year` STRING, `month` STRING, `day` STRING, `hour` STRING)", projection: null },
    },
    (flavor, expected) => {
      const text = renderTable(schema, base(flavor, { location: "s3://bucket/AWSLogs" })).text;
      assert.ok(text.includes(expected.partitions), flavor);
      assert.ok(text.includes("LOCATION 's3://bucket/AWSLogs/'"), `${flavor}: a partitioned LOCATION is a folder`);
      if (expected.projection === null) assert.ok(!text.includes("'projection."), flavor);
      else {
        assert.ok(text.includes(expected.projection), flavor);
        assert.ok(text.includes("'projection.account.values'='111122223333,444455556666'"), "accounts from the logs' paths");
        assert.ok(/'projection\.region\.values'='[^']*\bzz-test-9\b/.test(text), "regions seen are added to AWS's list");
      }
      const plain = renderTable(schema, base(flavor, { partitioned: false, location: "s3://bucket/x" })).text;
      assert.ok(!plain.includes("PARTITIONED BY") && !plain.includes("'projection.") && plain.includes("LOCATION 's3://bucket/x'"), flavor);
    },
  );
});

test("the portable view has the same columns, in the same order, as the per-event flavors", () => {
  const perEvent = renderTable(SMALL_SCHEMA, base("jsonl")).table.columns.map((c) => c.name);
  const view = renderTable(SMALL_SCHEMA, base("portable")).statements[1]?.sql ?? "";
  const aliases = [...view.matchAll(/ AS (`?)([a-z0-9_]+)\1,?\n/g)].map((m) => m[2]);
  assert.deepEqual(aliases, [...perEvent, "account", "region", "year", "month", "day"]);
  assert.ok(view.includes("FROM trail_files f\nLATERAL VIEW explode(f.records) exploded AS r"));
});

test("the eventbridge-jsonl view has the same columns, in the same order, as the per-event flavors, from the envelope's detail", () => {
  const perEvent = renderTable(SMALL_SCHEMA, base("jsonl")).table.columns.map((c) => c.name);
  for (const partitioned of [true, false]) {
    const view = renderTable(SMALL_SCHEMA, base("eventbridge-jsonl", { partitioned })).statements[1]?.sql ?? "";
    const aliases = [...view.matchAll(/ AS (`?)([a-z0-9_]+)\1,?\n/g)].map((m) => m[2]);
    assert.deepEqual(aliases, partitioned ? [...perEvent, "account", "region", "year", "month", "day"] : perEvent);
    assert.ok(view.includes("  f.detail.eventname AS eventname,\n"));
    assert.ok(view.endsWith("FROM trail_envelope f"), view.slice(-80));
    if (partitioned) assert.ok(view.includes("  f.account AS account,\n  f.region AS region,\n"), "account and region come from the envelope");
  }
});

test("comment, table properties (sorted) and a database-qualified name", () => {
  eachFlavor<string>(
    {
      "emr-cloudtrail-serde": "CREATE EXTERNAL TABLE sec.trail (",
      "emr-hcatalog": "CREATE EXTERNAL TABLE sec.trail (",
      "athena-projection": "CREATE EXTERNAL TABLE sec.trail (",
      portable: "CREATE EXTERNAL TABLE sec.trail_files (",
      jsonl: "CREATE EXTERNAL TABLE sec.trail (",
      "eventbridge-jsonl": "CREATE EXTERNAL TABLE sec.trail_envelope (",
    },
    (flavor, expected) => {
      const out = renderTable(SMALL_SCHEMA, base(flavor, { table: "sec.trail", partitioned: false, comment: "it's ours", tblProperties: { "z.key": "1", "a.key": "2" } }));
      const create = out.statements[0]?.sql ?? "";
      assert.ok(create.startsWith(expected), flavor);
      assert.ok(create.includes("COMMENT 'it\\'s ours'"), flavor);
      assert.ok(create.includes("TBLPROPERTIES (\n  'a.key'='2',\n  'z.key'='1'\n)"), flavor);
    },
  );
});

test("flavor x engine: ddl warns when a flavor is known to break where the user runs it", () => {
  eachFlavor<string[]>(
    {
      "emr-cloudtrail-serde": ["hive3", "hive4"],
      "emr-hcatalog": ["emr", "hive3", "hive4"],
      "athena-projection": ["emr", "hive3", "hive4"],
      portable: ["emr", "athena", "hive3"],
      jsonl: ["emr", "athena", "hive3"],
      "eventbridge-jsonl": ["emr", "athena", "hive3"],
    },
    (flavor, expected) => {
      const warned = renderTable(SMALL_SCHEMA, base(flavor, { engines: ["emr", "athena", "hive3", "hive4"] }))
        .warnings.filter((w) => w.code === "flavor-engine")
        .map((w) => /on (\w+):/.exec(w.message)?.[1]);
      assert.deepEqual(warned, expected, flavor);
    },
  );
  const w = renderTable(SMALL_SCHEMA, base("emr-hcatalog", { engines: ["emr"] })).warnings[0];
  assert.match(w?.message ?? "", /Hive 3\.1\.3.*`\{`/);
});

test("bad options are refused with a message naming the value", () => {
  const cases: [Partial<TableOptions>, RegExp][] = [
    [{ table: "my-table" }, /table name "my-table" is not a usable Hive name.*"my_table"/],
    [{ table: "a.b.c" }, /must be NAME or DATABASE.NAME/],
    [{ location: "" }, /location "" must be a non-empty URI/],
    [{ location: "s3://b/\nDROP" }, /location "s3:\/\/b\/\\nDROP"/],
    [{ typeLimit: 10 }, /type limit 10 must be a whole number of at least 64/],
    [{ tblProperties: { "": "x" } }, /table property name ""/],
  ];
  for (const [extra, message] of cases) assert.throws(() => renderTable(SMALL_SCHEMA, base("jsonl", extra)), message);
  assert.throws(() => renderTable(SMALL_SCHEMA, base("nope" as FlavorName)), /unknown flavor "nope": use one of emr-cloudtrail-serde, emr-hcatalog/);
});
