#!/usr/bin/env node
// Obtains the real Pulumi CLI that the demo (`npm start`) and the engine tests (`npm test`) run on:
//   1. PULUMI_AWS_CONNECTIONS_CLI=<path to a pulumi binary>, if set, is used as it is (it must be new enough);
//   2. else a `pulumi` on PATH at MINIMUM_VERSION or newer;
//   3. else the per-user cache (~/.cache/pulumi-aws-connections/pulumi-cli/<version>/bin/pulumi), built once per machine
//      from the Go module proxy with the wrapper module in scripts/pulumi-cli/ (about 0.5 GB of modules, 10–20 minutes
//      on 2 cores the first time, seconds afterwards).
// Where none of these works it says what is missing and how to install the CLI the usual way.
//
// Run it as `node scripts/pulumi-cli.js` (prints the binary's path) or require it: `obtainPulumiCli()`.
// The dynamic-provider plugin (`pulumi-resource-pulumi-nodejs`) is a script at the root of the @pulumi/pulumi npm
// package; it is put beside a CLI built here, else on PATH by whoever runs the CLI (cli-runner/environment.ts).
//
// It also finds the Node.js language host (`pulumi-language-nodejs`), which a regular Pulumi installation ships beside
// the CLI and which runs every `runtime: nodejs` program (see findLanguageHost below).
"use strict";
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

/** The CLI release the project pins (kept equal to scripts/pulumi-cli/go.mod's pkg/v3 requirement). */
const PINNED_VERSION = "v3.274.1";
/** Older CLIs lack engine behaviour the tests rely on (dynamic resources through Resource.get since 3.268). */
const MINIMUM_VERSION = "v3.268.0";
const WRAPPER_DIR = path.join(__dirname, "pulumi-cli");
const INSTALL_HELP =
  "Install the Pulumi CLI the usual way (https://www.pulumi.com/docs/install/, e.g. `curl -fsSL https://get.pulumi.com | sh`) " +
  "and put it on PATH, or install Go 1.26 (https://go.dev/dl/) so that this script can build it from the Go module proxy.";

function log(message) {
  process.stderr.write(`[pulumi-cli] ${message}\n`);
}

function parseVersion(text) {
  const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(text || "");
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function atLeast(version, minimum) {
  const a = parseVersion(version);
  const b = parseVersion(minimum);
  if (!a || !b) return false;
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

/** `pulumi version` of a binary, or undefined when it does not run. */
function versionOf(binary) {
  const r = spawnSync(binary, ["version"], {
    encoding: "utf8",
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
    timeout: 60_000,
  });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function onPath(name) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function cacheRoot() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "pulumi-aws-connections", "pulumi-cli", PINNED_VERSION);
}

/** Runs a command, streaming a short progress line per `every` lines of its stderr; rejects with its tail on failure. */
function run(command, args, options, progress) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    const tail = [];
    let lines = 0;
    const onData = (chunk) => {
      for (const line of chunk.toString().split("\n")) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 40) tail.shift();
        lines++;
        if (progress && lines % progress.every === 0) log(progress.format(lines, line));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(lines);
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${tail.join("\n")}`));
    });
  });
}

/** Builds the pinned CLI into the cache from the Go module proxy; returns the binary's path. */
async function buildIntoCache() {
  // Go's own installer puts it in /usr/local/go/bin, which a non-login shell's PATH may lack.
  const go = onPath("go") || (fs.existsSync("/usr/local/go/bin/go") ? "/usr/local/go/bin/go" : undefined);
  if (!go) throw new Error(`no Pulumi CLI ${MINIMUM_VERSION} or newer on PATH, and no Go toolchain to build one. ${INSTALL_HELP}`);
  const root = cacheRoot();
  const binary = path.join(root, "bin", "pulumi");
  const started = Date.now();
  const env = {
    ...process.env,
    CGO_ENABLED: "0",
    // The machine's own Go builds it (go.mod asks for 1.26.6); never download a toolchain.
    GOTOOLCHAIN: "local",
    GOFLAGS: "-mod=readonly -buildvcs=false",
  };
  log(`building the Pulumi CLI ${PINNED_VERSION} from the Go module proxy into ${root}`);
  log("first time on this machine: about 300 modules (~0.5 GB) to download, then 10–20 minutes of compiling on 2 cores");
  const tmp = `${binary}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(binary), { recursive: true });
  await run(
    go,
    [
      "build",
      "-v",
      "-o",
      tmp,
      "-ldflags",
      // Without the stamp `pulumi version` prints nothing and the Automation API refuses some operations.
      `-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${PINNED_VERSION}`,
      "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
    ],
    { cwd: WRAPPER_DIR, env },
    {
      every: 100,
      // `go build -v` names each module it downloads ("go: downloading …") and each package it compiles.
      format: (n, line) => `${n} modules downloaded or packages compiled (${Math.round((Date.now() - started) / 1000)} s): ${line.trim()}`,
    },
  );
  fs.renameSync(tmp, binary);
  log(`built ${binary} in ${Math.round((Date.now() - started) / 1000)} s`);
  return binary;
}

/**
 * A Pulumi release ships its plugins beside the `pulumi` binary, where the CLI looks first (a plugin found on PATH
 * instead gets a warning in every operation's output). The dynamic-provider plugin is the shell script at the root of
 * the @pulumi/pulumi npm package, which finds the program's own @pulumi/pulumi from its working directory; put a copy
 * beside the binary this script built.
 */
function installDynamicProviderPlugin(binary) {
  const target = path.join(path.dirname(binary), "pulumi-resource-pulumi-nodejs");
  if (fs.existsSync(target)) return;
  let source;
  try {
    source = require.resolve("@pulumi/pulumi/pulumi-resource-pulumi-nodejs", { paths: [path.resolve(__dirname, "..")] });
  } catch {
    return; // dependencies not installed yet: the runner puts the package's own copy on PATH instead
  }
  fs.copyFileSync(source, `${target}.tmp`);
  fs.chmodSync(`${target}.tmp`, 0o755);
  fs.renameSync(`${target}.tmp`, target);
}

const LANGUAGE_HOST = "pulumi-language-nodejs";

/** Pulumi's own Node.js language host, prebuilt from Pulumi's public source, in a `shared/tools/` folder above the clone. */
function sharedLanguageHost() {
  for (let dir = path.resolve(__dirname, ".."); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared", "tools", LANGUAGE_HOST, LANGUAGE_HOST);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The Node.js language host the CLI will run programs with, looked for as the CLI itself looks (beside the binary,
 * then on PATH), after an explicit choice:
 *   1. PULUMI_AWS_CONNECTIONS_LANGUAGE_HOST=<path to a pulumi-language-nodejs binary>;
 *   2. `pulumi-language-nodejs` beside the CLI binary (where a regular installation has it);
 *   3. one on PATH;
 *   4. the prebuilt copy in `shared/tools/` above this clone (the Go module proxy serves no version of the host's
 *      module, so this machine cannot build it), copied beside a CLI this script built, where the CLI looks first.
 * Returns undefined when there is none: the runner then serves programs itself and says so.
 * @returns {{ binary: string, source: string } | undefined}
 */
function findLanguageHost(cliBinary, cliSource) {
  const explicit = process.env.PULUMI_AWS_CONNECTIONS_LANGUAGE_HOST;
  if (explicit) {
    try {
      fs.accessSync(explicit, fs.constants.X_OK);
    } catch {
      throw new Error(`PULUMI_AWS_CONNECTIONS_LANGUAGE_HOST=${explicit} is not an executable file (it must name a pulumi-language-nodejs binary)`);
    }
    return { binary: path.resolve(explicit), source: "PULUMI_AWS_CONNECTIONS_LANGUAGE_HOST" };
  }
  const beside = path.join(path.dirname(cliBinary), LANGUAGE_HOST);
  if (fs.existsSync(beside)) return { binary: beside, source: "beside the CLI" };
  const installed = onPath(LANGUAGE_HOST);
  if (installed) return { binary: installed, source: "PATH" };
  const shared = sharedLanguageHost();
  if (!shared) return undefined;
  if (cliSource !== "cache" && cliSource !== "built") return { binary: shared, source: "shared/tools" };
  fs.copyFileSync(shared, `${beside}.${process.pid}.tmp`);
  fs.chmodSync(`${beside}.${process.pid}.tmp`, 0o755);
  fs.renameSync(`${beside}.${process.pid}.tmp`, beside);
  log(`copied the Node.js language host from ${shared} beside the CLI`);
  return { binary: beside, source: "beside the CLI (copied from shared/tools)" };
}

/**
 * The path of a real Pulumi CLI binary, obtaining it if needed (see the top of this file), and its Node.js language host.
 * @returns {Promise<{ binary: string, version: string, source: string, languageHost: { binary: string, source: string } | undefined }>}
 */
async function obtainPulumiCli() {
  const cli = await obtainCliBinary();
  return { ...cli, languageHost: findLanguageHost(cli.binary, cli.source) };
}

async function obtainCliBinary() {
  const explicit = process.env.PULUMI_AWS_CONNECTIONS_CLI;
  if (explicit) {
    const version = versionOf(explicit);
    if (!version) throw new Error(`PULUMI_AWS_CONNECTIONS_CLI=${explicit} does not run (\`${explicit} version\` failed). ${INSTALL_HELP}`);
    if (!atLeast(version, MINIMUM_VERSION))
      throw new Error(`PULUMI_AWS_CONNECTIONS_CLI=${explicit} is Pulumi ${version}; ${MINIMUM_VERSION} or newer is needed.`);
    return { binary: explicit, version, source: "PULUMI_AWS_CONNECTIONS_CLI" };
  }
  const installed = onPath("pulumi");
  if (installed) {
    const version = versionOf(installed);
    if (version && atLeast(version, MINIMUM_VERSION)) return { binary: installed, version, source: "PATH" };
    log(`the pulumi on PATH (${installed}, ${version || "no version"}) is older than ${MINIMUM_VERSION}: building ${PINNED_VERSION}`);
  }
  const cached = path.join(cacheRoot(), "bin", "pulumi");
  if (fs.existsSync(cached)) {
    const version = versionOf(cached);
    if (version) {
      installDynamicProviderPlugin(cached);
      return { binary: cached, version, source: "cache" };
    }
    log(`${cached} does not run; building it again`);
  }
  const binary = await buildIntoCache();
  const version = versionOf(binary);
  if (!version) throw new Error(`the Pulumi CLI built at ${binary} does not run. ${INSTALL_HELP}`);
  installDynamicProviderPlugin(binary);
  return { binary, version, source: "built" };
}

module.exports = { obtainPulumiCli, PINNED_VERSION, MINIMUM_VERSION };

if (require.main === module) {
  obtainPulumiCli().then(
    (cli) => {
      log(`using Pulumi ${cli.version} (${cli.source})`);
      log(cli.languageHost ? `Node.js language host: ${cli.languageHost.binary} (${cli.languageHost.source})` : "no Node.js language host found");
      process.stdout.write(`${cli.binary}\n`);
    },
    (err) => {
      log(err.message);
      process.exit(1);
    },
  );
}
