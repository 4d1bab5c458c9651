import { TrailhiveError } from "../errors.js";
import type { Statement, StatementKind } from "./rendered-script.js";
import { BUILTIN_DDL, type DdlTemplates } from "./load-ddl-template.js";

/** One value of a partition spec, quoted: `account = '111122223333'`. */
export interface PartitionValueModel {
  column: string;
  value: string;
}

/** The view models of the statements outside a CREATE TABLE script, every name and literal already quoted. */
export type StandaloneStatementModel =
  | { kind: "add-partition"; tableName: string; partitions: { values: PartitionValueModel[]; location: string }[] }
  | { kind: "drop-view"; viewName: string }
  | {
      /** one event's typed view (`trailhive view`), laid out by `partials/event-view.hbs` */
      kind: "event-view";
      statementKind: "create-view";
      viewName: string;
      /** `expression AS name`, each already quoted */
      select: string[];
      fromTable: string;
      alias: string;
      /** LATERAL VIEW clauses, one a line */
      lateral: string[];
      /** conditions joined by AND */
      where: string[];
    }
  | { kind: "alter-table"; tableName: string; cascade: boolean; change: { name: string; type: string }; replace?: undefined }
  | { kind: "alter-table"; tableName: string; cascade: boolean; replace: { name: string; type: string }[]; change?: undefined };

/**
 * Statements laid out by the same mechanism as a table's: `statements.hql.hbs` hands each model to the
 * partial named by its kind (`partials/add-partition.hbs`, ...), and a `--templates` folder can
 * override any of them. Returns each statement as `hive -f` cuts it, without its `;`. Pure.
 *
 * @example
 *   renderStatements([{ kind: "drop-view", viewName: "ct" }]);  // [{ kind: "drop-view", sql: "DROP VIEW IF EXISTS ct" }]
 */
export function renderStatements(models: readonly StandaloneStatementModel[], templates: DdlTemplates = BUILTIN_DDL): Statement[] {
  if (models.length === 0) return [];
  const { name, render } = templates.get(["statements.hql.hbs"]);
  const collected: { kind: string; sql: string }[] = [];
  try {
    render({ header: [], statements: models }, collected);
  } catch (error) {
    throw new TrailhiveError("RENDER_TEMPLATE_FAILED", { template: name, reason: (error as Error).message }, { cause: error });
  }
  return collected.map((s) => ({ kind: s.kind as StatementKind, sql: s.sql }));
}
