// Property values as they travel between the program, the engine and the provider host.
//
// The harness keeps every property bag in the Pulumi *wire* form (what `google.protobuf.Struct` carries):
// unknowns are the sentinel string, secrets are `{ "4dabf…": "1b47…", value }`, resource references are
// `{ "4dabf…": "5cf8…", urn, id? }`. These helpers do what the Go engine does to such bags
// (`MarshalProperties` for a provider that accepts neither secrets nor resources, `annotateSecrets`,
// `processIgnoreChanges`, `PropertyMap.DeepEquals`/`Diff`).

/** The wire sentinel of an unknown value (`@pulumi/pulumi/runtime/rpc` `unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
/** The key under which a dynamic resource carries its serialized provider. */
export const PROVIDER_KEY = "__provider";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type PropertyMap = Record<string, Json>;

export function isPlainObject(v: unknown): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function sigOf(v: unknown): string | undefined {
  return isPlainObject(v) && typeof v[SIG_KEY] === "string" ? (v[SIG_KEY] as string) : undefined;
}

export function isSecret(v: unknown): v is { [key: string]: Json } {
  return sigOf(v) === SECRET_SIG;
}

export function makeSecret(v: Json): Json {
  return isSecret(v) ? v : { [SIG_KEY]: SECRET_SIG, value: v };
}

export function isUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  // An output value whose `value` is absent is unknown (only sent when the monitor accepts output values).
  return sigOf(v) === OUTPUT_SIG && !Object.prototype.hasOwnProperty.call(v, "value");
}

export function containsUnknowns(v: unknown): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknowns);
  if (isPlainObject(v)) return Object.values(v).some(containsUnknowns);
  return false;
}

export function containsSecrets(v: unknown): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecrets);
  if (isPlainObject(v)) return Object.values(v).some(containsSecrets);
  return false;
}

/**
 * The engine's `MarshalProperties` for the Node.js dynamic provider host, whose ConfigureResponse accepts neither
 * secrets nor resource references: secrets are unwrapped, resource references become their ID (custom resources) or
 * URN (components), output values become their plain value or the unknown sentinel. With `keepUnknowns` false an
 * unknown is an error (the engine never sends unknowns outside a preview).
 */
export function toProviderWire(v: Json, keepUnknowns: boolean, path = ""): Json {
  const sig = sigOf(v);
  if (v === UNKNOWN) {
    if (!keepUnknowns) throw new Error(`unknown value at '${path}' outside of a preview`);
    return UNKNOWN;
  }
  if (sig === SECRET_SIG) return toProviderWire((v as Record<string, Json>).value ?? null, keepUnknowns, path);
  if (sig === RESOURCE_SIG) {
    const ref = v as Record<string, Json>;
    if (Object.prototype.hasOwnProperty.call(ref, "id")) {
      const id = ref.id;
      return id === "" || id === null ? toProviderWire(UNKNOWN, keepUnknowns, path) : toProviderWire(id, keepUnknowns, path);
    }
    return ref.urn ?? null;
  }
  if (sig === OUTPUT_SIG) {
    const ov = v as Record<string, Json>;
    if (!Object.prototype.hasOwnProperty.call(ov, "value")) return toProviderWire(UNKNOWN, keepUnknowns, path);
    return toProviderWire(ov.value, keepUnknowns, path);
  }
  if (sig === ASSET_SIG || sig === ARCHIVE_SIG) {
    throw new Error(`assets and archives are not supported by the harness (property '${path}')`);
  }
  if (Array.isArray(v)) return v.map((e, i) => toProviderWire(e, keepUnknowns, `${path}[${i}]`));
  if (isPlainObject(v)) {
    const out: Record<string, Json> = {};
    for (const [k, e] of Object.entries(v)) out[k] = toProviderWire(e, keepUnknowns, path ? `${path}.${k}` : k);
    return out;
  }
  return v;
}

export function mapToProviderWire(m: PropertyMap, keepUnknowns: boolean): PropertyMap {
  return toProviderWire(m, keepUnknowns) as PropertyMap;
}

/**
 * The engine's `annotateSecrets(outs, ins)`: the provider could not see secrets, so any output property whose input
 * counterpart contained a secret is marked secret again (recursing into objects present on both sides).
 */
export function annotateSecrets(outs: PropertyMap, ins: PropertyMap | undefined): PropertyMap {
  if (!ins) return outs;
  for (const [k, inValue] of Object.entries(ins)) {
    if (!Object.prototype.hasOwnProperty.call(outs, k)) continue;
    const outValue = outs[k];
    if (isPlainObject(outValue) && !sigOf(outValue) && isPlainObject(inValue) && !sigOf(inValue)) {
      annotateSecrets(outValue, inValue);
    } else if (!isSecret(outValue) && containsSecrets(inValue)) {
      outs[k] = makeSecret(outValue);
    }
  }
  return outs;
}

/** Removes every secret wrapper (for values handed back to a caller who wants plain data). */
export function unwrapSecrets(v: Json): Json {
  if (isSecret(v)) return unwrapSecrets((v as Record<string, Json>).value ?? null);
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (isPlainObject(v)) {
    const out: Record<string, Json> = {};
    for (const [k, e] of Object.entries(v)) out[k] = unwrapSecrets(e);
    return out;
  }
  return v;
}

/** Structural equality of two wire values (the engine's `PropertyValue.DeepEquals`; key order is irrelevant). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((e, i) => deepEqual(e, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Top-level keys whose values differ between two property maps (what `PropertyMap.Diff(...).ChangedKeys()` gives). */
export function changedKeys(olds: PropertyMap, news: PropertyMap, ignore: string[] = [PROVIDER_KEY]): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((k) => !ignore.includes(k) && !deepEqual(olds[k], news[k])).sort();
}

export function cloneJson<T extends Json | PropertyMap>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Parses a property path like `a.b[0]["c.d"]` into its segments. */
export function parsePropertyPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  let i = 0;
  let cur = "";
  const flush = () => {
    if (cur !== "") out.push(cur);
    cur = "";
  };
  while (i < path.length) {
    const c = path[i];
    if (c === ".") {
      flush();
      i++;
    } else if (c === "[") {
      flush();
      const end = path.indexOf("]", i);
      if (end < 0) throw new Error(`invalid property path '${path}'`);
      const inner = path.slice(i + 1, end);
      if (/^\d+$/.test(inner)) out.push(Number(inner));
      else if (/^".*"$/.test(inner)) out.push(JSON.parse(inner) as string);
      else out.push(inner);
      i = end + 1;
    } else {
      cur += c;
      i++;
    }
  }
  flush();
  return out;
}

/**
 * The engine's `processIgnoreChanges`: for each path, the new inputs take the old inputs' value (or lose the
 * property if the old inputs lacked it). Returns the new map and the paths whose parent is missing.
 */
export function processIgnoreChanges(
  news: PropertyMap,
  olds: PropertyMap,
  ignoreChanges: string[],
): { inputs: PropertyMap; invalid: string[] } {
  const inputs = cloneJson(news);
  const invalid: string[] = [];
  for (const p of ignoreChanges) {
    let segs: (string | number)[];
    try {
      segs = parsePropertyPath(p);
    } catch {
      continue;
    }
    if (segs.length === 0) continue;
    if (segs[0] === "*") {
      for (const k of Object.keys(inputs)) if (k !== PROVIDER_KEY) delete inputs[k];
      for (const [k, v] of Object.entries(olds)) if (k !== PROVIDER_KEY) inputs[k] = cloneJson(v);
      continue;
    }
    const getParent = (root: Json, create: boolean): Json | undefined => {
      let cur: Json | undefined = root;
      for (const s of segs.slice(0, -1)) {
        if (cur === undefined || cur === null || typeof cur !== "object") return undefined;
        const next: Json | undefined = (cur as Record<string, Json>)[s as string];
        if (next === undefined && create) return undefined;
        cur = next;
      }
      return cur;
    };
    const last = segs[segs.length - 1];
    const srcParent = getParent(olds, false);
    const dstParent = getParent(inputs, true);
    if (dstParent === undefined || dstParent === null || typeof dstParent !== "object") {
      if (srcParent !== undefined) invalid.push(p);
      continue;
    }
    const src =
      srcParent !== undefined && srcParent !== null && typeof srcParent === "object"
        ? (srcParent as Record<string, Json>)[last as string]
        : undefined;
    if (src === undefined) delete (dstParent as Record<string, Json>)[last as string];
    else (dstParent as Record<string, Json>)[last as string] = cloneJson(src);
  }
  return { inputs, invalid };
}

/** Does property path `prefix` contain (equal or be an ancestor of) path `p`? `*` matches any segment. */
export function pathContains(prefix: string, p: string): boolean {
  let a: (string | number)[];
  let b: (string | number)[];
  try {
    a = parsePropertyPath(prefix);
    b = parsePropertyPath(p);
  } catch {
    return false;
  }
  if (a.length > b.length) return false;
  return a.every((s, i) => s === "*" || s === b[i]);
}
