// Lint rules: typescript-eslint's recommended set on every TypeScript file, type-aware promise rules
// (a promise nobody awaits loses its error), and the import boundaries of docs/ARCHITECTURE.md:
// pure folders never touch the disk, network, processes or AWS, and nothing but the bin imports cli/.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Folders whose modules take data and return data.
const PURE = [
  "src/investigation/**",
  "src/schema/**",
  "src/hive/**",
  "src/render/**",
  "src/views/**",
  "src/queries/**",
  "src/flavors/**",
  "src/records/**",
  "src/partitions/**",
  "src/check/**",
  "src/pipeline/**",
  "src/output/**",
  "src/report/**",
];
// Modules inside them allowed to read files: none (the built-in templates and the JSON Schema are
// generated data; a user's folders are read in src/config). Add one here only with a reason.
const PURE_EDGES = [];
const IO_MODULES = ["fs", "node:fs", "fs/promises", "node:fs/promises", "net", "node:net", "child_process", "node:child_process", "http", "node:http", "https", "node:https"];
const NO_CLI = { group: ["**/cli/*", "./cli/*", "../cli/*"], message: "cli/ is the command line's edge: move what you need out of it (docs/ARCHITECTURE.md)." };

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "hive-engine/**", "coverage/**", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "error",
    },
  },
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's test/describe/it return promises the runner itself awaits
      "@typescript-eslint/no-floating-promises": ["error", { allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["test", "describe", "it", "suite"] }] }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/cli/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [NO_CLI] }] },
  },
  {
    files: ["src/cli/**/*.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ group: ["@aws-sdk/*"], message: "the command line does not speak the AWS SDK: use src/aws and src/emr" }] }] },
  },
  {
    files: PURE,
    ignores: PURE_EDGES,
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: IO_MODULES.map((name) => ({ name, message: "a pure folder takes its inputs: read files at an edge module (docs/ARCHITECTURE.md)" })),
          patterns: [NO_CLI, { group: ["@aws-sdk/*"], message: "a pure folder takes its inputs: AWS calls live in src/aws, src/emr, src/source" }],
        },
      ],
    },
  },
  {
    // Only the command-line edge, tests and benchmarks talk to the terminal.
    files: ["src/cli/**", "test/**", "bench/**", "scripts/**", "bin/**", "**/*.mjs"],
    rules: { "no-console": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  {
    // The report page's script runs in a browser, with Observable Plot loaded before it.
    files: ["templates/report/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: { document: "readonly", Node: "readonly", setTimeout: "readonly", clearTimeout: "readonly", requestAnimationFrame: "readonly", Plot: "readonly" },
    },
  },
);
