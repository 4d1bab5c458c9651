/**
 * Sigma's condition language (https://sigmahq.io/docs/basics/conditions.html) as a tree: search
 * names, `and`, `or`, `not`, parentheses, `1 of NAME*`, `all of NAME*`, `1 of them`, `all of them`.
 * Aggregations (`| count() > 5`) and `near` are refused with the reason, never approximated.
 */
export type Condition =
  | { kind: "search"; name: string }
  | { kind: "and"; items: Condition[] }
  | { kind: "or"; items: Condition[] }
  | { kind: "not"; item: Condition }
  | { kind: "of"; quantifier: "1" | "all"; pattern: string };

export type ParsedCondition = { ok: true; condition: Condition } | { ok: false; problem: string };

/**
 * Parses a condition: `not` binds tighter than `and`, `and` tighter than `or` (Sigma's precedence).
 *
 * @example
 *   parseCondition("selection and not 1 of filter*")
 *   // { ok: true, condition: { kind: "and", items: [{ kind: "search", name: "selection" }, { kind: "not", item: { kind: "of", quantifier: "1", pattern: "filter*" } }] } }
 */
export function parseCondition(text: string): ParsedCondition {
  if (text.includes("|")) return { ok: false, problem: "aggregates (`| count()` and the like): one event at a time cannot answer it" };
  const tokens = text.match(/\(|\)|[^\s()]+/g) ?? [];
  if (tokens.some((t) => t.toLowerCase() === "near")) return { ok: false, problem: "uses near (events close in time): one event at a time cannot answer it" };
  let at = 0;
  const peek = () => tokens[at]?.toLowerCase();
  const fail = (why: string): never => {
    throw new ConditionError(why);
  };
  const or = (): Condition => {
    const items = [and()];
    while (peek() === "or") {
      at++;
      items.push(and());
    }
    return items.length === 1 ? (items[0] as Condition) : { kind: "or", items };
  };
  const and = (): Condition => {
    const items = [unary()];
    while (peek() === "and") {
      at++;
      items.push(unary());
    }
    return items.length === 1 ? (items[0] as Condition) : { kind: "and", items };
  };
  const unary = (): Condition => {
    const token = tokens[at];
    if (token === undefined) return fail("ends too early");
    const lower = token.toLowerCase();
    if (lower === "not") {
      at++;
      return { kind: "not", item: unary() };
    }
    if (token === "(") {
      at++;
      const inner = or();
      if (tokens[at] !== ")") fail("has a ( without its )");
      at++;
      return inner;
    }
    if (lower === "1" || lower === "all") {
      if (tokens[at + 1]?.toLowerCase() !== "of") fail(`has ${token} without "of"`);
      const pattern = tokens[at + 2];
      if (pattern === undefined || pattern === "(" || pattern === ")") return fail(`has "${token} of" without a name`);
      at += 3;
      return { kind: "of", quantifier: lower === "1" ? "1" : "all", pattern };
    }
    if (["and", "or", "of", ")"].includes(lower)) fail(`has ${token} where a search name belongs`);
    at++;
    return { kind: "search", name: token };
  };
  try {
    const condition = or();
    if (at < tokens.length) fail(`has ${tokens[at]} after a complete condition`);
    return { ok: true, condition };
  } catch (error) {
    if (error instanceof ConditionError) return { ok: false, problem: `condition ${JSON.stringify(text)} ${error.message}` };
    throw error;
  }
}

class ConditionError extends Error {}

/**
 * The search names an `of` pattern means: `them` is every search, `NAME*` every search starting with
 * NAME (Sigma's wildcard), else the name itself.
 *
 * @example
 *   ofNames("selection*", ["selection_a", "selection_b", "filter"])  // ["selection_a", "selection_b"]
 */
export function ofNames(pattern: string, names: readonly string[]): string[] {
  if (pattern.toLowerCase() === "them") return [...names].filter((n) => !n.startsWith("_"));
  const re = new RegExp(
    "^" +
      pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".") +
      "$",
  );
  return names.filter((n) => re.test(n));
}
