/**
 * What the EMR run reports while it works. The core never prints: the CLI turns these into lines on
 * stderr (toolkit-lib's IoHost idea), and tests can assert on them.
 */
export type EmrEvent =
  | { kind: "uploaded"; uri: string; bytes: number }
  | { kind: "cluster-started"; clusterId: string }
  | { kind: "step-added"; clusterId: string; stepId: string; name: string }
  | { kind: "cluster-state"; clusterId: string; state: string; reasonCode?: string; reason?: string; elapsedMs: number }
  | { kind: "step-state"; stepId: string; state: string; elapsedMs: number }
  | { kind: "poll"; stepId: string; state: string; elapsedMs: number }
  | { kind: "cancel-requested"; stepId: string; status: string; reason?: string }
  | { kind: "logs-waiting"; uri: string; attempt: number; elapsedMs: number }
  | { kind: "results-read"; uri: string; files: number; rows: number };
