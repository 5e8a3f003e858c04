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

/** A resource's block in the CLI's `--diff` output: its header line, at the stack's children's indentation. */
const RESOURCE_HEADER = /^ {4}\S.*pulumi-nodejs:dynamic\/[^:]+:\w+: \(/;
const NOTICE = /^\[pulumi-aws-connections\] /;

/**
 * The engine steps independent resources in parallel, so their blocks, and the provider's lines on stderr, come in
 * any order: blocks that follow one another are put in URN order, and the provider's lines are listed, sorted, at the
 * end. What each block and line says is compared as it is.
 */
function canonicalOrder(lines: string[]): string[] {
  const notices = lines.filter((l) => NOTICE.test(l)).sort();
  const body = lines.filter((l, i) => !NOTICE.test(l) && !(l === "" && i > 0 && NOTICE.test(lines[i - 1])));
  const out: string[] = [];
  let run: string[][] = [];
  const flush = () => {
    const urnOf = (block: string[]) => block.find((l) => l.includes("[urn=")) ?? block[0];
    for (const block of run.sort((a, b) => urnOf(a).localeCompare(urnOf(b)))) out.push(...block);
    run = [];
  };
  for (let i = 0; i < body.length; ) {
    if (RESOURCE_HEADER.test(body[i])) {
      const block = [body[i++]];
      while (i < body.length && /^ {5,}/.test(body[i]) && !RESOURCE_HEADER.test(body[i])) block.push(body[i++]);
      run.push(block);
    } else {
      flush();
      out.push(body[i++]);
    }
  }
  flush();
  return notices.length > 0 ? [...out, "", "--- the provider's lines (stderr), sorted ---", ...notices] : out;
}

export function normalize(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  const lines = out.split("\n").map((l) => l.replace(/\s+$/, ""));
  return canonicalOrder(lines).join("\n").trim();
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
