// Text output in the manner of `pulumi preview --diff` / `pulumi up`: a header, one line per resource step with the
// property diff the CLI computes from old and new inputs when the provider gives no detailed diff, the stack outputs,
// diagnostics and a summary.
import { PROVIDER_KEY, UNKNOWN, deepEqual, isPlainObject, isSecret, type Json, type PropertyMap } from "./props";

export type OperationKind = "preview" | "update" | "refresh" | "destroy";
export type StepOp = "create" | "update" | "replace" | "same" | "delete" | "refresh" | "read-gone";

const HEADERS: Record<OperationKind, string> = {
  preview: "Previewing update",
  update: "Updating",
  refresh: "Refreshing",
  destroy: "Destroying",
};

const SYMBOLS: Record<StepOp, string> = {
  create: "+",
  update: "~",
  replace: "+-",
  same: " ",
  delete: "-",
  refresh: "~",
  "read-gone": "-",
};

function status(op: StepOp, kind: OperationKind, failed: boolean): string {
  if (failed) {
    const ing: Record<StepOp, string> = {
      create: "creating",
      update: "updating",
      replace: "replacing",
      same: "",
      delete: "deleting",
      refresh: "refreshing",
      "read-gone": "refreshing",
    };
    return `**${ing[op] || "failed"} failed**`;
  }
  if (kind === "preview") {
    return op === "same" ? "" : op;
  }
  const past: Record<StepOp, string> = {
    create: "created",
    update: "updated",
    replace: "replaced",
    same: "",
    delete: "deleted",
    refresh: "updated",
    "read-gone": "deleted",
  };
  return past[op];
}

export function formatValue(v: Json | undefined): string {
  if (v === undefined) return "undefined";
  if (v === UNKNOWN) return "[unknown]";
  if (isSecret(v)) return "[secret]";
  if (Array.isArray(v)) return v.length === 0 ? "[]" : `[${v.map(formatValue).join(", ")}]`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    return keys.length === 0 ? "{}" : `{${keys.map((k) => `${k}: ${formatValue(v[k])}`).join(", ")}}`;
  }
  return JSON.stringify(v);
}

function joinPath(prefix: string, key: string | number): string {
  if (typeof key === "number") return `${prefix}[${key}]`;
  const plain = /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key);
  if (!prefix) return plain ? key : JSON.stringify(key);
  return plain ? `${prefix}.${key}` : `${prefix}[${JSON.stringify(key)}]`;
}

function isContainer(v: Json | undefined): boolean {
  return (Array.isArray(v) && v.length > 0) || (isPlainObject(v) && !isSecret(v) && Object.keys(v).length > 0);
}

function leaves(prefix: string, v: Json, sign: "+" | "-", out: string[]): void {
  if (Array.isArray(v) && v.length > 0) v.forEach((e, i) => leaves(joinPath(prefix, i), e, sign, out));
  else if (isContainer(v)) for (const [k, e] of Object.entries(v as Record<string, Json>)) leaves(joinPath(prefix, k), e, sign, out);
  else out.push(`${sign} ${prefix}: ${formatValue(v)}`);
}

/** Property diff lines (`+ key: v`, `- key: v`, `~ key: old => new`), nested values by path, `__provider` hidden. */
export function diffLines(olds: PropertyMap, news: PropertyMap): string[] {
  const out: string[] = [];
  const walk = (prefix: string, a: Json | undefined, b: Json | undefined) => {
    if (a === undefined && b === undefined) return;
    if (a === undefined) return leaves(prefix, b as Json, "+", out);
    if (b === undefined) return leaves(prefix, a, "-", out);
    if (deepEqual(a, b)) return;
    if (isContainer(a) && isContainer(b) && Array.isArray(a) === Array.isArray(b)) {
      if (Array.isArray(a) && Array.isArray(b)) {
        for (let i = 0; i < Math.max(a.length, b.length); i++) walk(joinPath(prefix, i), a[i], b[i]);
      } else {
        const ao = a as Record<string, Json>;
        const bo = b as Record<string, Json>;
        const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort();
        for (const k of keys) walk(joinPath(prefix, k), ao[k], bo[k]);
      }
      return;
    }
    out.push(`~ ${prefix}: ${formatValue(a)} => ${formatValue(b)}`);
  };
  const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => k !== PROVIDER_KEY).sort();
  for (const k of keys) walk(joinPath("", k), olds[k], news[k]);
  return out;
}

/** `[diff: +added-removed~changed]` over top-level keys, as the CLI's summary view shows it. */
export function diffSummary(olds: PropertyMap, news: PropertyMap, keys: string[]): string {
  if (keys.length === 0) return "";
  const parts = keys.map((k) => {
    const inOld = Object.prototype.hasOwnProperty.call(olds, k);
    const inNew = Object.prototype.hasOwnProperty.call(news, k);
    return `${!inOld ? "+" : !inNew ? "-" : "~"}${k}`;
  });
  return `[diff: ${parts.join("")}]`;
}

export class Printer {
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly kind: OperationKind,
    private readonly stack: string,
  ) {}

  private write(s: string): void {
    this.out.write(s + "\n");
  }

  header(): void {
    this.write(`${HEADERS[this.kind]} (${this.stack}):`);
    this.write("");
  }

  step(
    op: StepOp,
    type: string,
    name: string,
    opts: { info?: string; diff?: string[]; failed?: boolean; physical?: string } = {},
  ): void {
    const sym = opts.physical === "delete-replaced" ? "--" : SYMBOLS[op];
    const st = opts.physical === "delete-replaced" ? (this.kind === "preview" ? "delete original" : "deleted original") : status(op, this.kind, !!opts.failed);
    const parts = [` ${sym.padEnd(3)}${type}`, name];
    if (st) parts.push(st);
    if (opts.info) parts.push(opts.info);
    this.write(parts.join("  "));
    for (const l of opts.diff ?? []) this.write(`        ${l}`);
  }

  outputs(outputs: PropertyMap): void {
    const keys = Object.keys(outputs).sort();
    if (keys.length === 0) return;
    this.write("");
    this.write("Outputs:");
    const w = Math.max(...keys.map((k) => k.length));
    for (const k of keys) this.write(`    ${k.padEnd(w)}: ${formatValue(outputs[k])}`);
  }

  diagnostics(groups: { title: string; lines: string[] }[]): void {
    const nonEmpty = groups.filter((g) => g.lines.length > 0);
    if (nonEmpty.length === 0) return;
    this.write("");
    this.write("Diagnostics:");
    for (const g of nonEmpty) {
      this.write(`  ${g.title}:`);
      for (const l of g.lines) for (const sub of l.split("\n")) this.write(`    ${sub}`);
      this.write("");
    }
  }

  summary(counts: Record<StepOp, number>): void {
    const future = this.kind === "preview";
    const rows: [string, number, string, string][] = [
      ["+ ", counts.create, "created", "to create"],
      ["~ ", counts.update + counts.refresh, "updated", "to update"],
      ["+-", counts.replace, "replaced", "to replace"],
      ["- ", counts.delete + counts["read-gone"], "deleted", "to delete"],
    ];
    this.write("");
    this.write("Resources:");
    let any = false;
    for (const [sym, n, past, fut] of rows) {
      if (n > 0) {
        this.write(`    ${sym}${n} ${future ? fut : past}`);
        any = true;
      }
    }
    if (counts.same > 0) this.write(`    ${counts.same} unchanged`);
    else if (!any) this.write("    no changes");
    this.write("");
  }
}
