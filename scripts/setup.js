#!/usr/bin/env node
// Every set-up step `npm start` and `npm test` need, so that each works alone from a fresh clone on a fresh machine:
//   1. the pinned dependencies (`npm ci`), when node_modules is missing or older than package-lock.json;
//   2. the self link (scripts/link-self.js) that lets the serialized __provider require this package by name;
//   3. the TypeScript build (dist/), skipped when the sources are those of the last build (by content);
//   4. with --typecheck: the type check of tests, examples and benchmarks;
//   5. the real Pulumi CLI (scripts/pulumi-cli.js): on PATH, cached, or built from the Go module proxy, and its Node.js
//      language host (beside it, on PATH, or the prebuilt shared copy); under CI a missing language host is an error.
// Uses only Node's own modules: it runs before the dependencies are there.
"use strict";
const { spawnSync } = require("child_process");
const crypto = require("crypto");
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

/**
 * A digest of what the build reads: every TypeScript source and JSON file under SOURCE_DIRS, tsconfig.json and
 * package-lock.json, by path and content. Why content and not modification times: a file dated in the future (a
 * clock ahead, a copied or unpacked tree) would make a times-based check rebuild on every run, and a checkout that
 * changes nothing would rebuild too.
 */
function sourceFingerprint(root = ROOT) {
  const files = [path.join(root, "tsconfig.json"), path.join(root, "package-lock.json")];
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
      else if (/\.(ts|json)$/.test(e.name)) files.push(p);
    }
  };
  for (const d of SOURCE_DIRS) walk(path.join(root, d));
  const digest = crypto.createHash("sha256");
  for (const file of files.sort()) {
    let content;
    try {
      content = fs.readFileSync(file);
    } catch {
      continue;
    }
    digest.update(`${path.relative(root, file)}\0${crypto.createHash("sha256").update(content).digest("hex")}\n`);
  }
  return digest.digest("hex");
}

function ensureDependencies() {
  // node_modules records the digest of the package-lock.json it was installed from (an mtime check alone would
  // reinstall on every run when the lock file is dated in the future).
  const lock = path.join(ROOT, "package-lock.json");
  const record = path.join(ROOT, "node_modules", ".pulumi-aws-connections-lock-digest");
  const digest = crypto.createHash("sha256").update(fs.readFileSync(lock)).digest("hex");
  const recorded = fs.existsSync(record) ? fs.readFileSync(record, "utf8").trim() : undefined;
  const installed = recorded === undefined ? mtime(path.join(ROOT, "node_modules", ".package-lock.json")) >= mtime(lock) : recorded === digest;
  if (!installed) {
    log("installing the pinned dependencies (npm ci)");
    run("npm", ["ci", "--no-audit", "--no-fund"]);
  }
  if (recorded !== digest) fs.writeFileSync(record, `${digest}\n`);
}

function ensureBuild() {
  // The stamp holds the fingerprint of the sources dist/ was built from.
  const stamp = path.join(ROOT, "dist", ".build-stamp");
  const fingerprint = sourceFingerprint();
  let built = "";
  try {
    built = fs.readFileSync(stamp, "utf8").trim();
  } catch {
    // never built
  }
  if (built === fingerprint) return log("dist/ is up to date");
  log("building dist/ (tsc)");
  run(process.execPath, [require.resolve("typescript/bin/tsc", { paths: [ROOT] }), "-p", "tsconfig.json"]);
  fs.writeFileSync(stamp, `${fingerprint}\n`);
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
  if (cli.languageHost) log(`Node.js language host: ${cli.languageHost.binary} (${cli.languageHost.source})`);
  else if (process.env.CI === "true") throw new Error("CI=true and no Node.js language host (pulumi-language-nodejs): CI runs every program through it");
  else log("no Node.js language host (pulumi-language-nodejs) found: programs will be served by cli-runner's program server instead");
}

module.exports = { sourceFingerprint };

if (require.main === module) {
  main().catch((err) => {
    log(err.message);
    process.exit(1);
  });
}
