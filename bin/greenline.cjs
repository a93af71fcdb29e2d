#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, from the project folder whatever the caller's directory.
const path = require("node:path");
process.chdir(path.join(__dirname, ".."));
require("tsx/cjs");
const { ConfigError, parseConfig } = require("../app/config.server.ts");
try {
  parseConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
require("../cli/index.ts");
