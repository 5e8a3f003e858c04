#!/usr/bin/env node
// Every set-up step `npm start` and `npm test` need, so that each works alone from a fresh clone on a fresh machine:
//   1. the pinned dependencies (`npm ci`), when node_modules is missing or older than package-lock.json;
//   2. the self link (scripts/link-self.js) that lets the serialized __provider require this package by name;
//   3. the TypeScript build (dist/), skipped when no source is newer than the last build;
//   4. with --typecheck: the type check of tests, examples and benchmarks;
//   5. the real Pulumi CLI (scripts/pulumi-cli.js): on PATH, cached, or built from the Go module proxy.
// Uses only Node's own modules: it runs before the dependencies are there.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const SOURCE_DIRS = ["provider", "sdk", "emulator", "cli-runner", "scripts"];

function log(message) {
  process.stderr.write(`[setup] ${message}\n`);
}

function run(command, args) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", shell: process.platform === "win32" });
  if (r.status !== 0) {
    log(`${command} ${args.join(" ")} failed (${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The newest modification time under the given folders (TypeScript sources and config only). */
function newestSource() {
  let newest = Math.max(mtime(path.join(ROOT, "tsconfig.json")), mtime(path.join(ROOT, "package-lock.json")));
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|json)$/.test(e.name)) newest = Math.max(newest, mtime(p));
    }
  };
  for (const d of SOURCE_DIRS) walk(path.join(ROOT, d));
  return newest;
}

function ensureDependencies() {
  const installed = path.join(ROOT, "node_modules", ".package-lock.json");
  if (mtime(installed) >= mtime(path.join(ROOT, "package-lock.json"))) return;
  log("installing the pinned dependencies (npm ci)");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

function ensureBuild() {
  const stamp = path.join(ROOT, "dist", ".build-stamp");
  if (mtime(stamp) >= newestSource()) return log("dist/ is up to date");
  log("building dist/ (tsc)");
  run(process.execPath, [require.resolve("typescript/bin/tsc", { paths: [ROOT] }), "-p", "tsconfig.json"]);
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

async function main() {
  const typecheck = process.argv.includes("--typecheck");
  // npm's `prepare` (run by `npm ci` itself, and by installs from a git URL) wants the build alone.
  const buildOnly = process.argv.includes("--build-only");
  if (!buildOnly) ensureDependencies();
  run(process.execPath, [path.join(__dirname, "link-self.js")]);
  ensureBuild();
  if (buildOnly) return;
  if (typecheck) {
    log("type-checking tests, examples and benchmarks");
    run(process.execPath, [require.resolve("typescript/bin/tsc", { paths: [ROOT] }), "-p", "tsconfig.test.json"]);
  }
  const cli = await require("./pulumi-cli.js").obtainPulumiCli();
  log(`Pulumi CLI ${cli.version} (${cli.source}: ${cli.binary})`);
}

main().catch((err) => {
  log(err.message);
  process.exit(1);
});
