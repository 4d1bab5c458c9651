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
export { countFileShapes, fileShapeName, type FileShape, type FileShapeCount } from "./records/file-shape.js";
export { SchemaBuilder } from "./schema/schema-builder.js";
export { inferShape, type InferenceOptions } from "./schema/infer-shape.js";
export { serializeSchema, parseSchema, stripProvenance } from "./schema/schema-io.js";
export { inferSources, type InferSummary, type InferProgress, type InferSourcesOptions } from "./pipeline/infer-sources.js";
export type { Conflict, EventShapes, Provenance, FileKind, Container } from "./schema/schema-file.js";
export { DEFAULT_MAP_THRESHOLDS, type MapThresholds } from "./schema/passes/detect-maps.js";
export type { PathOverride } from "./schema/draft.js";
export { ExactIntegers } from "./records/exact-integers.js";
export { flavors, getFlavor, isFlavorName, DEFAULT_FLAVOR, FLAVOR_NAMES, ENGINE_NAMES, type FlavorName, type Flavor, type EngineName, type EngineSupport } from "./flavors/index.js";
export { renderTable, type TableOptions, type RenderedScript, type Statement, type StatementKind, type TableSpec } from "./render/render-table.js";
export type { RenderWarning, RenderWarningCode } from "./hive/render-warning.js";
export type { HiveType, HiveField } from "./hive/hive-type.js";
export { typeInfoString } from "./hive/hive-type.js";
export { DEFAULT_TYPE_LIMIT, GLUE_TYPE_LIMIT } from "./hive/limit-type-size.js";
export { parseConfig, loadConfig, CONFIG_FILE, type TrailhiveConfig, type DdlOutput, type TableSettings, type OutputFolder } from "./config/load-config.js";
export { tableOptions } from "./config/table-options.js";
export { ddlTemplates, type DdlTemplates } from "./render/load-ddl-template.js";
export { shapeToHiveType, type OddKeyPolicy } from "./hive/shape-to-hive-type.js";
export { ddlTypeString, formatDdlType } from "./hive/hive-type.js";
export { tableColumns } from "./hive/table-columns.js";
export { CLOUDTRAIL_COLUMNS, JSON_TEXT_COLUMNS, PARTITION_COLUMNS } from "./hive/cloudtrail-profile.js";
export { hiveVersions, type HiveVersion } from "./engine/hive-version.js";
export { ensureEngine, type HiveEngine, type EnsureEngineOptions } from "./engine/ensure-engine.js";
export { runHiveSession, type HiveSessionOptions, type SessionResult, type StatementResult } from "./engine/run-hive-session.js";
export { runHarness, type HarnessRequest, type HarnessReport, type HarnessDataSet, type DataReport, type ParsedStatement } from "./engine/run-harness.js";
export { defaultCacheDir, mavenRepoDir } from "./engine/default-cache-dir.js";
export { findJava, INSTALL_JAVA_HINT, type JavaRuntime } from "./engine/find-java.js";
export type { FetchProgress } from "./engine/fetch-jars.js";
// One investigation, two engines (docs/ARCHITECTURE.md, Engines): plan it once, run it locally or on EMR.
export { planInvestigation, type InvestigationPlan, type PlannedWork, type PlanInput } from "./investigation/investigation-plan.js";
export type { Engine, InvestigationOutcome, EngineDetail } from "./investigation/engine.js";
export { localEngine, type LocalEngineOptions } from "./local/local-engine.js";
export { localDeps, type LocalDepsOptions } from "./local/local-deps.js";
export { embeddedHiveSession, checkJava, type EmbeddedHiveOptions } from "./local/embedded-hive.js";
export { emrEngine, newRunId, type EmrEngine, type EmrEngineOptions } from "./emr/emr-engine.js";
export { findDayFolders, type DayFolders } from "./emr/find-day-folders.js";
export { readSchemaFile } from "./config/read-schema-file.js";
export {
  runLocalInvestigation,
  LOCAL_FLAVOR,
  type LocalRunRequest,
  type LocalRunDeps,
  type LocalRunOutcome,
  type LocalRunEvent,
  type LocalScript,
  type SchemaCollector,
} from "./local/run-local-investigation.js";
export { stageLogs, type StageOptions, type StageSummary, type StagedPartition, type LogReader } from "./local/stage-logs.js";
export { scanRecordSpans, type Span } from "./local/scan-record-spans.js";
export { partitionOf, partitionFolder, escapePartitionValue, INVALID_PARTITION, UNKNOWN_PARTITION, type PartitionValues } from "./local/partition-of.js";
export { splitStatements } from "./local/split-statements.js";
export { hiveErrorLine, type HiveSession } from "./local/hive-session.js";
// EMR (issue 6): plan a run (pure), execute it with clients passed in, wait, diagnose, read results.
export { planEmrRun, stagingLayout, DEFAULT_RELEASE_LABEL, DEFAULT_NEW_CLUSTER, type EmrRunPlan, type EmrRunPlanInput, type EmrRequest, type NewClusterOptions } from "./emr/plan-emr-run.js";
export { buildEmrScript, insertDirectoryClause, type EmrScriptParts, type ResultSinkModel } from "./emr/build-emr-script.js";
export { renderEmrQuery, emrPartitionRange, emrTablePartitioned, type EmrQueryInput, type BoundQuery } from "./emr/render-emr-query.js";
export { hiveStep, actionsOnFailure, type HiveStepOptions } from "./emr/hive-step.js";
export { parseResultText, RESULT_SERDE, RESULT_SERDE_PROPERTIES } from "./emr/result-row-format.js";
export { executeEmrPlan, diagnoseStep, type EmrRunClients, type EmrRunOutcome, type StepFailure, type ExecuteOptions } from "./emr/execute-emr-plan.js";
export { waitForStep, waitForClusterEnd, FINAL_STEP_STATES, type PollOptions, type WaitOptions, type WaitOutcome } from "./emr/wait-for-step.js";
export { fetchStepLogs, stepLogFolder } from "./emr/fetch-step-logs.js";
export { DEFAULT_POLL, DEFAULT_LOG_WAIT, STEP_LOG_FILES } from "./emr/emr-defaults.js";
export { probableCause, type LogFile, type ProbableCause } from "./emr/diagnose-step-logs.js";
export { readStepResults } from "./emr/read-step-results.js";
export { assumedPartitions, daysInRange } from "./emr/assumed-partitions.js";
export { createEmrClient, emrEndpointFrom, type EmrClientOptions } from "./aws/create-emr-client.js";
export { createAwsClients, type AwsClients, type AwsClientOptions } from "./aws/aws-clients.js";
export { describeFailure } from "./emr/describe-failure.js";
export { describeCluster, describeStep, listSteps } from "./emr/describe-steps.js";
export { systemClock, type Clock } from "./emr/clock.js";
export type { EmrEvent } from "./emr/emr-event.js";
export { S3Store, parseS3Url, type S3StoreOptions } from "./source/s3-store.js";
export { sampleStore, type RootSampleSummary, type SampleResult } from "./source/sampler.js";
export type { ResolvedSources, SampleOptions, SourceFile, SourceRoot, SkippedObject, ResolveContext } from "./source/resolve-sources.js";
export { createSourceStats, type SourceStats } from "./source/source-stats.js";
export type { SkipCode } from "./source/skip-reasons.js";
export { createS3Client, s3EndpointFrom, type S3ClientOptions } from "./aws/create-s3-client.js";
export { findBucketRegion } from "./aws/find-bucket-region.js";
export { openStore } from "./source/resolve-sources.js";

export { readTemplateFolder, readQueryFolder } from "./config/read-template-folder.js";
export { templateFiles, type TemplateFile, type TemplateFiles } from "./render/template-files.js";
export { renderStatements, type StandaloneStatementModel } from "./render/render-statements.js";
export { loadLibrary, getQuery, renderQuery, BUILTIN_QUERY_FILES, type QueryDef, type ParamDef, type ParamType, type RenderedQuery, type QueryContext } from "./queries/library.js";
export { renderPartitions, sortPartitions, partitionsInRange, type PartitionRef, type RenderPartitionsOptions } from "./partitions/render-partitions.js";
export { discoverPartitions, type DiscoverOptions, type DiscoveredPartitions } from "./partitions/discover-partitions.js";
export { renderView, eventKey, type ViewOptions, type RenderedView } from "./views/render-view.js";
export { renderViewScript, parseViewHeaders, type ViewRequest } from "./views/view-script.js";
export { viewColumns, snakeCase, type ViewColumn } from "./views/view-columns.js";
export { diffSchemas, type FieldChange } from "./check/diff-schemas.js";
export { renderMigration } from "./check/render-migration.js";
export { unifiedDiff } from "./check/unified-diff.js";
export { planOutputs, schemaPath, type PlannedFile, type PlanFiles } from "./check/plan-outputs.js";
export { checkOutputs, type CheckResult, type FileCheck } from "./check/check-outputs.js";
export { mergeSchemaStates, type SchemaBuilderState } from "./schema/schema-state.js";
export { defaultParseWorkers } from "./local/parse-workers.js";
