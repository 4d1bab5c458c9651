// Every `@example` in a JSDoc comment under src/ is compiled, so a misspelt function, a wrong
// argument shape or a renamed export in an example fails `npm test` instead of misleading a reader.
//
// Each example becomes a virtual file next to its module: it imports every export of that module and
// every non-clashing export of src/index.ts by name, then holds the example inside an async function
// (so `await` works). All of them are compiled in one TypeScript program with tsconfig.json's options.
// Names an example uses but never defines (its free variables, like `schema` or `emr`) are declared
// `any` in a second pass, unless the name looks like a value export of the module or src/index.ts
// (the same ignoring case, or one edit away: a misspelling). Unused-variable and implicit-any diagnostics are
// ignored (examples are fragments); every other diagnostic fails the example's source file.
// EXAMPLES_DEBUG=1 prints the names each example gets declared `any`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, relative, basename } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SRC = join(ROOT, "src");
const INDEX = join(SRC, "index.ts");

interface Example {
  /** absolute path of the module the example documents */
  file: string;
  /** 1-based line of the `@example` tag */
  line: number;
  code: string;
  /** the source line of each line of `code` */
  codeLines: number[];
}

/** The examples of one source file's JSDoc comments. */
function extractExamples(file: string, text: string): Example[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const comments = new Map<number, ts.CommentRange>();
  const visit = (node: ts.Node): void => {
    for (const range of [...(ts.getLeadingCommentRanges(text, node.pos) ?? []), ...(ts.getTrailingCommentRanges(text, node.end) ?? [])]) comments.set(range.pos, range);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const examples: Example[] = [];
  for (const range of [...comments.values()].sort((a, b) => a.pos - b.pos)) {
    const raw = text.slice(range.pos, range.end);
    if (!raw.startsWith("/**") || !raw.includes("@example")) continue;
    const firstLine = source.getLineAndCharacterOfPosition(range.pos).line + 1;
    const lines = raw
      .slice(3, -2)
      .split("\n")
      .map((l, i) => (i === 0 ? l : l.replace(/^\s*\*(?!\/) ?/, "")));
    for (let i = 0; i < lines.length; i++) {
      const at = /(^|\s)@example\b/.exec(lines[i]!);
      if (at === null) continue;
      const code: { text: string; line: number }[] = [];
      const rest = lines[i]!.slice(at.index + at[0].length).trim();
      if (rest !== "") code.push({ text: rest, line: firstLine + i });
      const following: { text: string; line: number }[] = [];
      let j = i + 1;
      for (; j < lines.length && !/^\s*@\w/.test(lines[j]!); j++) following.push({ text: lines[j]!.trimEnd(), line: firstLine + j });
      const indent = Math.min(...following.filter((l) => l.text.trim() !== "").map((l) => /^\s*/.exec(l.text)![0].length));
      code.push(...following.map((l) => ({ text: l.text.slice(Number.isFinite(indent) ? indent : 0), line: l.line })));
      while (code.length > 0 && code[0]!.text.trim() === "") code.shift();
      while (code.length > 0 && code.at(-1)!.text.trim() === "") code.pop();
      examples.push({ file, line: firstLine + i, code: code.map((l) => l.text).join("\n"), codeLines: code.map((l) => l.line) });
      i = j - 1;
    }
  }
  return examples;
}

const IGNORED = new Set([6133, 6138, 6192, 6196, 6198, 6199, 6205]); // declared but never used
const isIgnored = (d: ts.Diagnostic) => IGNORED.has(d.code) || (d.code >= 7000 && d.code < 7100 && ts.flattenDiagnosticMessageText(d.messageText, "\n").includes("implicitly"));
const FREE_NAME = new Set([2304, 2552, 18004]); // Cannot find name (Did you mean ...), no value for a shorthand property

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return { ...parsed.options, noEmit: true, declaration: false, sourceMap: false, incremental: false, composite: false };
}

const options = compilerOptions();
const baseHost = ts.createCompilerHost(options, true);
const parsed = new Map<string, ts.SourceFile>();

/** A host serving virtual files from `files`, and every real file parsed once across programs. */
function hostWith(files: Map<string, string>): ts.CompilerHost {
  return {
    ...baseHost,
    fileExists: (name) => files.has(name) || baseHost.fileExists(name),
    readFile: (name) => files.get(name) ?? baseHost.readFile(name),
    getSourceFile: (name, language, onError) => {
      const virtual = files.get(name);
      if (virtual !== undefined) return ts.createSourceFile(name, virtual, language, true);
      let sf = parsed.get(name);
      if (sf === undefined) {
        sf = baseHost.getSourceFile(name, language, onError);
        if (sf !== undefined) parsed.set(name, sf);
      }
      return sf;
    },
  };
}

interface Exports {
  names: string[];
  /** the exports that are values (a function, a constant, a class), not only types */
  values: string[];
}

let exportCache: Map<string, Exports> | undefined;
/** The export names of every module under src/, read from one checker. */
function exportsOfModules(): Map<string, Exports> {
  if (exportCache !== undefined) return exportCache;
  const roots = ts.sys.readDirectory(SRC, [".ts"]);
  const program = ts.createProgram(roots, options, hostWith(new Map()));
  const checker = program.getTypeChecker();
  exportCache = new Map();
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(SRC)) continue;
    const symbol = checker.getSymbolAtLocation(sf);
    const symbols = (symbol === undefined ? [] : checker.getExportsOfModule(symbol)).filter((s) => s.name !== "default" && s.name !== "example");
    const isValue = (s: ts.Symbol) => ((s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s).flags & ts.SymbolFlags.Value) !== 0;
    exportCache.set(sf.fileName, { names: symbols.map((s) => s.name), values: symbols.filter(isValue).map((s) => s.name) });
  }
  return exportCache;
}

/** Edit distance, ignoring case. */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * The export a free name is probably a misspelling of: the same ignoring case, or (TypeScript's own
 * "Did you mean" stops after ten suggestions a program) one edit away, two for 16 letters or more.
 * Looser than that, the examples' own free names (`partitions`, `classpath`) would look misspelt.
 */
function nearestExport(name: string, values: string[]): string | undefined {
  const limit = name.length < 5 ? 0 : Math.max(1, Math.floor(name.length / 8));
  return values.find((v) => v.toLowerCase() === name.toLowerCase() || (Math.abs(v.length - name.length) <= limit && distance(v, name) <= limit));
}

const importPath = (from: string, to: string) => {
  const rel = relative(dirname(from), to).replace(/\\/g, "/").replace(/\.ts$/, ".js");
  return rel.startsWith(".") ? rel : "./" + rel;
};

interface Virtual {
  example: Example;
  path: string;
  imports: string;
  /** the value exports of the module and of src/index.ts: a free name near one is a misspelling */
  values: string[];
  /** lines before the example's first line */
  header: number;
}

function virtualText(v: Virtual, declared: string[]): { text: string; header: number } {
  const declares = declared.map((n) => `declare const ${n}: any; type ${n} = any;`);
  const head = [v.imports, ...declares, "async function example() {"].join("\n");
  return { text: `${head}\n${v.example.code}\n}\n`, header: head.split("\n").length };
}

/**
 * Compiles `examples` in one program (two passes) and returns, for each, the diagnostics that fail it
 * (empty when it compiles), each naming the file, the @example's line and the diagnostic's text.
 */
function compileExamples(examples: Example[]): string[][] {
  const modules = exportsOfModules();
  const none: Exports = { names: [], values: [] };
  const index = modules.get(INDEX) ?? none;
  const virtuals: Virtual[] = examples.map((example, i) => {
    const module = modules.get(example.file) ?? none;
    const own = module.names;
    const fromIndex = example.file === INDEX ? [] : index.names.filter((n) => !own.includes(n));
    const path = join(dirname(example.file), `__example_${i}_${basename(example.file)}`);
    const imports = [
      own.length > 0 ? `import { ${own.join(", ")} } from "${importPath(path, example.file)}";` : "",
      fromIndex.length > 0 ? `import { ${fromIndex.join(", ")} } from "${importPath(path, INDEX)}";` : "",
    ].join("\n");
    return { example, path, imports, values: [...new Set([...module.values, ...index.values])], header: 0 };
  });
  const run = (declared: string[][], old?: ts.Program) => {
    const files = new Map<string, string>();
    virtuals.forEach((v, i) => {
      const { text, header } = virtualText(v, declared[i]!);
      files.set(v.path, text);
      v.header = header;
    });
    const program = ts.createProgram([...files.keys()], options, hostWith(files), old);
    return program;
  };
  const diagnosticsOf = (program: ts.Program, v: Virtual) => {
    const sf = program.getSourceFile(v.path)!;
    return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
  };

  const first = run(virtuals.map(() => []));
  const declared = virtuals.map((v) => {
    const names = new Set<string>();
    for (const d of diagnosticsOf(first, v)) {
      if (!FREE_NAME.has(d.code) || d.file === undefined || d.start === undefined) continue;
      const name = d.file.text.slice(d.start, d.start + (d.length ?? 0));
      if (/^[A-Za-z_$][\w$]*$/.test(name) && nearestExport(name, v.values) === undefined) names.add(name);
    }
    return [...names].sort();
  });
  if (process.env.EXAMPLES_DEBUG) virtuals.forEach((v, i) => declared[i]!.length > 0 && console.log(relative(ROOT, v.example.file), v.example.line, declared[i]!.join(" ")));
  const second = run(declared, first);
  const global = [...second.getOptionsDiagnostics(), ...second.getGlobalDiagnostics()];
  if (global.length > 0) throw new Error(ts.formatDiagnostics(global, baseHost));

  return virtuals.map((v) =>
    diagnosticsOf(second, v)
      .filter((d) => !isIgnored(d))
      .map((d) => {
        const { example } = v;
        const where = relative(ROOT, example.file);
        const at = d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line - v.header : -1;
        const sourceLine = example.codeLines[at];
        const line = sourceLine === undefined ? "" : ` (line ${sourceLine})`;
        return `${where}:${example.line} @example${line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
      }),
  );
}

// ---- the examples of src/ ----

const started = performance.now();
const sourceFiles = ts.sys.readDirectory(SRC, [".ts"]).sort();
const examples = sourceFiles.flatMap((file) => extractExamples(file, readFileSync(file, "utf8")));
const tagCount = sourceFiles.reduce((n, file) => n + (readFileSync(file, "utf8").match(/@example\b/g)?.length ?? 0), 0);

// The self-check: fixtures compiled with the real examples (one program), so the check costs nothing.
const QUOTE = join(SRC, "hive", "quote.ts");
const fixture = (code: string): Example => ({ file: QUOTE, line: 1, code, codeLines: code.split("\n").map((_, i) => i + 1) });
const FIXTURES = {
  misspelt: fixture('quoteIdentifer("eventname"); // "eventname"'),
  wrongCase: fixture('quoteidentifier("eventname");'),
  renamedIndexExport: fixture("const text = formatResult(rows, 'table');"),
  wrongShape: fixture("quoteStringWith(\"s3://b/${account}/\", { keep: ['account'] });"),
  freeVariables: fixture("const plan = planInvestigation(input);\nconst out = await emr.send(plan);\nconsole.log(quoteIdentifier(out.name as string)); // `name`"),
};
const results = compileExamples([...examples, ...Object.values(FIXTURES)]);
const fixtureResults = Object.fromEntries(Object.keys(FIXTURES).map((name, i) => [name, results[examples.length + i]!]));
const elapsed = Math.round(performance.now() - started);

test(`every @example under src/ is found (${examples.length} in ${sourceFiles.length} files, compiled in ${elapsed} ms)`, () => {
  assert.equal(examples.length, tagCount, "an @example sits outside a JSDoc comment the extractor sees");
  assert.ok(
    examples.every((e) => e.code.trim() !== ""),
    "an @example without code",
  );
});

test("the self-check: a misspelt, miscased or renamed export and a wrong argument shape fail; free variables do not", () => {
  assert.match(fixtureResults.misspelt!.join("\n"), /src\/hive\/quote\.ts:1 @example \(line 1\): TS(2304|2552) Cannot find name 'quoteIdentifer'/);
  assert.match(fixtureResults.wrongCase!.join("\n"), /Cannot find name 'quoteidentifier'/);
  assert.match(fixtureResults.renamedIndexExport!.join("\n"), /Cannot find name 'formatResult'/);
  assert.match(fixtureResults.wrongShape!.join("\n"), /TS2353 .*'keep'/);
  assert.deepEqual(fixtureResults.freeVariables, []);
});

const byFile = new Map<string, string[][]>();
examples.forEach((e, i) => byFile.set(e.file, [...(byFile.get(e.file) ?? []), results[i]!]));
for (const [file, failures] of byFile) {
  test(`the ${failures.length} @example(s) of ${relative(ROOT, file)} compile`, () => {
    const all = failures.flat();
    assert.ok(all.length === 0, `\n${all.join("\n")}`);
  });
}
