#!/usr/bin/env node
// The SDK prints a multi-line NodeVersionSupportWarning on Node 20 for every command; users of the
// CLI should not see SDK noise (docs/ARCHITECTURE.md, Decisions). They can still opt back in by setting it to false.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const { main } = await import("../dist/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
