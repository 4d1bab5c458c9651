// The CLI as a user runs it, from src/ through tsx: hostile-input tests spawn it so a crash of the
// process itself (a V8 fatal error, an uncaught throw, a hang) is seen, not hidden by the test runner.
import { main } from "../../../src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
