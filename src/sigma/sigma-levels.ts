// Apart from sigma-rule.ts, which loads the YAML parser: `trailhive detect --help` names the levels.
const LEVELS = ["informational", "low", "medium", "high", "critical"] as const;
export type Level = (typeof LEVELS)[number];
/** Levels from least to most severe, as `--level` and `--fail-on` order them. */
export const SIGMA_LEVELS: readonly Level[] = LEVELS;
