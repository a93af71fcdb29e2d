#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, from the project folder whatever the caller's directory.
const path = require("node:path");
process.chdir(path.join(__dirname, ".."));
require("tsx/cjs");
require("../cli/index.ts");
