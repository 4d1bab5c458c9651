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
// EMR (issue 6): plan a run (pure), execute it with clients passed in, wait, diagnose, read results.
export { planEmrRun, stagingLayout, DEFAULT_RELEASE_LABEL, DEFAULT_NEW_CLUSTER, type EmrRunPlan, type EmrRunPlanInput, type EmrRequest, type NewClusterOptions } from "./emr/plan-emr-run.js";
export { buildEmrScript, type EmrScriptParts } from "./emr/build-emr-script.js";
export { hiveStep, actionsOnFailure, type HiveStepOptions } from "./emr/hive-step.js";
export { insertDirectoryClause, parseResultText, RESULT_SERDE, RESULT_SERDE_PROPERTIES } from "./emr/result-row-format.js";
export { executeEmrPlan, diagnoseStep, type EmrRunOutcome, type StepFailure, type ExecuteOptions } from "./emr/execute-emr-plan.js";
export { waitForStep, waitForClusterEnd, DEFAULT_POLL, FINAL_STEP_STATES, type PollOptions, type WaitOptions, type WaitOutcome } from "./emr/wait-for-step.js";
export { fetchStepLogs, stepLogFolder, DEFAULT_LOG_WAIT, STEP_LOG_FILES } from "./emr/fetch-step-logs.js";
export { probableCause, type LogFile, type ProbableCause } from "./emr/diagnose-step-logs.js";
export { readStepResults } from "./emr/read-step-results.js";
export { discoverTrailFolders, namedTrailFolders, partitionsFor, daysInRange, type TrailFolder } from "./emr/trail-partitions.js";
export { createAwsClients, type AwsClients, type AwsClientOptions } from "./emr/emr-clients.js";
export { systemClock, type Clock } from "./emr/clock.js";
export type { EmrEvent } from "./emr/emr-event.js";
