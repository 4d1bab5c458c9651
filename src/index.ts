/**
 * trailhive's library API. Pure stages take data and return data; IO stages take their clients.
 */
export { TrailhiveError, ExitCode } from "./errors.js";
export type { ObjectStore, ObjectEntry, ListPage, ListOptions } from "./source/object-store.js";
export { LocalStore } from "./source/local-store.js";
export { resolveSources } from "./source/resolve-sources.js";
export type { Shape, Field, ObjectShape, FieldStats, JsonKind } from "./schema/shape.js";
export type { SchemaFile } from "./schema/schema-file.js";
export { quoteIdentifier, quoteString, quoteQualifiedName } from "./hive/quote.js";
export { createTemplateEnv } from "./render/template-env.js";
export { formatResults, type ResultFormat, type ResultSet } from "./output/format-results.js";
export { readLogFile, type ReadResult, type SkipReason, type CloudTrailRecord } from "./records/read-log-file.js";
export { SchemaBuilder } from "./schema/schema-builder.js";
export { inferShape, type InferenceOptions } from "./schema/infer-shape.js";
export { serializeSchema, parseSchema, stripProvenance } from "./schema/schema-io.js";
export { inferSources, type InferSummary, type InferProgress, type InferSourcesOptions } from "./pipeline/infer-sources.js";
export type { Conflict, EventShapes, Provenance, FileKind, Container } from "./schema/schema-file.js";
export { flavors, getFlavor, isFlavorName, DEFAULT_FLAVOR, FLAVOR_NAMES, ENGINE_NAMES, type FlavorName, type Flavor, type EngineName, type EngineSupport } from "./flavors/index.js";
export { renderTable, type TableOptions, type RenderedScript, type Statement, type StatementKind, type TableSpec } from "./render/render-table.js";
export type { RenderWarning, RenderWarningCode } from "./hive/render-warning.js";
export type { HiveType, HiveField } from "./hive/hive-type.js";
export { typeInfoString } from "./hive/hive-type.js";
export { DEFAULT_TYPE_LIMIT, GLUE_TYPE_LIMIT } from "./hive/limit-type-size.js";
export { hiveVersions, type HiveVersion } from "./engine/hive-version.js";
export { ensureEngine, type HiveEngine, type EnsureEngineOptions } from "./engine/ensure-engine.js";
export { runHiveSession, type HiveSessionOptions, type SessionResult, type StatementResult } from "./engine/run-hive-session.js";
export { runHarness, type HarnessRequest, type HarnessReport, type HarnessDataSet, type DataReport, type ParsedStatement } from "./engine/run-harness.js";
export { defaultCacheDir, mavenRepoDir } from "./engine/default-cache-dir.js";
export { findJava, INSTALL_JAVA_HINT, type JavaRuntime } from "./engine/find-java.js";
export type { FetchProgress } from "./engine/fetch-jars.js";
export { runLocalInvestigation, LOCAL_FLAVOR, type LocalRunRequest, type LocalRunDeps, type LocalRunOutcome, type LocalRunEvent, type LocalScript, type SchemaCollector } from "./local/run-local-investigation.js";
export { stageLogs, type StageOptions, type StageSummary, type StagedPartition, type LogReader } from "./local/stage-logs.js";
export { scanRecordSpans, type Span } from "./local/scan-record-spans.js";
export { partitionOf, partitionFolder, type PartitionValues } from "./local/partition-of.js";
export { splitStatements } from "./local/split-statements.js";
export { hiveErrorLine, type HiveSession } from "./local/hive-session.js";
