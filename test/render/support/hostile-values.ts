import { FLAVOR_NAMES, type FlavorName } from "../../../src/flavors/index.js";

/**
 * Fragments that have broken generated SQL somewhere: quotes of each kind, escapes, statement ends,
 * comment starts at a line start, Hive variables (hive-cli substitutes `${...}` before parsing),
 * non-BMP and line-separator characters, NUL.
 */
export const HOSTILE_FRAGMENTS = ["'", '"', "`", ";", "\n", "\r\n", "\n--", "--", "\\", "\\'", "${x}", "${env:HOME}", "/*", "*/", "é", "😀", "\u2028", "\u0000", "\t", " ", "a"];

/**
 * Each fragment alone (to be rendered with every flavor) and every ordered pair of fragments between
 * letters (the flavor rotates over the pairs, so each flavor sees a fifth of them in every role).
 * Shared with the Hive harness, which can feed the same values to real Hive.
 *
 * @example
 *   for (const { value, flavors } of hostileValues()) for (const flavor of flavors) render(value, flavor);
 */
export function hostileValues(): { value: string; flavors: readonly FlavorName[] }[] {
  const pairs = HOSTILE_FRAGMENTS.flatMap((a) => HOSTILE_FRAGMENTS.map((b) => `x${a}y${b}z`));
  return [...HOSTILE_FRAGMENTS.map((value) => ({ value, flavors: FLAVOR_NAMES })), ...pairs.map((value, i) => ({ value, flavors: [FLAVOR_NAMES[i % FLAVOR_NAMES.length] as FlavorName] }))];
}
