#!/usr/bin/env node
// `npx lynkr` / `lynkr start`: runs the compiled server.
import('../dist/cli/index.js').then((m) => m.runCli(process.argv.slice(2)));
