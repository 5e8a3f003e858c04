import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

/**
 * Golden files of the CLI's own `pulumi preview --diff` text. What changes from run to run is normalised: AWS ids and
 * the ARNs that hold them, request ids, loopback ports, temporary paths, durations. `UPDATE_GOLDEN=1 npm test`
 * rewrites them; a reviewer then reads the diff of the golden files as the change in what users see.
 */
export const GOLDEN_DIR = path.resolve(__dirname, "../engine/golden");

const RULES: [RegExp, string][] = [
  [/dxcon-[a-z0-9]{8}/g, "dxcon-<id>"],
  [/EqDC2-[a-z0-9]{8,}/g, "EqDC2-<device>"],
  [/\bcc-[a-z0-9]{22}\b/g, "cc-<id>"],
  [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>"],
  [/127\.0\.0\.1:\d+/g, "127.0.0.1:<port>"],
  [/\/tmp\/[^\s"']+/g, "<tmp>"],
  [/\b\d+(\.\d+)?m?s\b/g, "<duration>"],
];

export function normalize(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out
    .split("\n")
    .map((l) => l.replace(/\s+$/, ""))
    .join("\n")
    .trim();
}

/** Compares the normalised text with the golden file `name`.txt (or writes it under UPDATE_GOLDEN=1). */
export function assertGolden(name: string, text: string): void {
  const file = path.join(GOLDEN_DIR, `${name}.txt`);
  const actual = normalize(text) + "\n";
  if (process.env.UPDATE_GOLDEN === "1" || !fs.existsSync(file)) {
    if (process.env.CI === "true" && !fs.existsSync(file)) assert.fail(`golden file ${path.relative(process.cwd(), file)} is missing`);
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.equal(actual, fs.readFileSync(file, "utf8"), `the preview differs from ${path.relative(process.cwd(), file)} (UPDATE_GOLDEN=1 rewrites it)`);
}
