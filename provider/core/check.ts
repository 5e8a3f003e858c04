import type { CrossFieldRule, FieldSet, FieldSpec, Issue } from "./fields";
import { IDENTITY_KEY } from "./identity";
import { containsUnknown, isUnknown } from "./unknown";
import { shownKey } from "./validators";
import { isPlainObject } from "./values";

/** One violated rule, as the engine shows it: the property path and the reason. */
export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckResult {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

/**
 * Keys passed through check unvalidated: the serialized provider the dynamic-provider host adds, and the identity the
 * SDK classes add (sdk/core/identity.ts; absent in programs of 0.1.0).
 */
export const ENGINE_KEYS = new Set(["__provider", IDENTITY_KEY]);

/**
 * Validates inputs against field specs and fills in defaults. Reports every violated rule at once. Unknown values
 * (preview) are accepted anywhere: they are checked again when known.
 */
export function checkFields(
  fields: FieldSet,
  rules: CrossFieldRule[],
  news: Record<string, unknown>,
  typeName: string,
  computed: readonly string[] = [],
): CheckResult {
  const failures: CheckFailure[] = [];
  for (const key of computed) {
    // The SDK class declares computed outputs as undefined inputs; a value there is a mistake.
    if (news[key] !== undefined && news[key] !== null) failures.push({ property: key, reason: "is an output computed by AWS; it cannot be set" });
  }
  const inputs = checkObject(fields, omit(news, computed), "", failures, typeName, true);
  for (const rule of rules) {
    if (rule.uses.some((name) => containsUnknown(inputs[name]))) continue;
    for (const issue of rule.check(inputs)) failures.push({ property: issue.path, reason: issue.rule });
  }
  return { inputs, failures };
}

function checkObject(
  fields: FieldSet,
  value: Record<string, unknown>,
  prefix: string,
  failures: CheckFailure[],
  typeName: string,
  topLevel: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (topLevel && ENGINE_KEYS.has(key)) {
      out[key] = item;
    } else if (!Object.hasOwn(fields, key)) {
      if (item !== undefined && item !== null) {
        const known = Object.keys(fields).join(", ");
        const owner = topLevel ? `an input of ${typeName}; known inputs` : `a field of ${prefix.slice(0, -1)}; known fields`;
        failures.push({ property: prefix + shownKey(key), reason: `is not ${owner}: ${known}` });
      }
    }
  }
  for (const [key, field] of Object.entries(fields)) {
    const checked = checkField(field, value[key], prefix + key, failures, typeName);
    if (checked !== undefined) out[key] = checked;
  }
  return out;
}

function checkField(field: FieldSpec, raw: unknown, path: string, failures: CheckFailure[], typeName: string): unknown {
  const value = raw === null ? undefined : raw;
  if (value === undefined) {
    if ("default" in field && field.default !== undefined) return field.default;
    if (field.required) failures.push({ property: path, reason: "is required" });
    return undefined;
  }
  if (isUnknown(value)) return value;
  switch (field.type) {
    case "string":
    case "boolean":
    case "number":
      if (typeof value !== field.type) {
        failures.push({ property: path, reason: `must be a ${field.type}; got ${describeType(value)}` });
        return value;
      }
      break;
    case "stringMap":
      if (!isPlainObject(value)) {
        failures.push({ property: path, reason: `must be a map of strings; got ${describeType(value)}` });
        return value;
      }
      for (const [key, item] of Object.entries(value)) {
        if (typeof item !== "string" && !isUnknown(item)) failures.push({ property: `${path}.${shownKey(key)}`, reason: `must be a string; got ${describeType(item)}` });
      }
      return runValidators(field.validators, value as Record<string, string>, path, failures, true);
    case "object":
      if (!isPlainObject(value)) {
        failures.push({ property: path, reason: `must be an object; got ${describeType(value)}` });
        return value;
      }
      return runValidators(field.validators, checkObject(field.fields, value, `${path}.`, failures, typeName, false), path, failures);
  }
  return runValidators(field.validators as Array<(v: unknown) => Issue[]> | undefined, value, path, failures);
}

function runValidators<T>(validators: Array<(value: T) => Issue[]> | undefined, value: T, path: string, failures: CheckFailure[], partlyUnknownOk = false): T {
  // An object with unknowns inside cannot be judged as a whole yet; a map's validators judge its known keys and values.
  if (containsUnknown(value) && !partlyUnknownOk) return value;
  for (const validate of validators ?? []) {
    for (const issue of validate(value)) failures.push({ property: issue.path ? `${path}.${issue.path}` : path, reason: issue.rule });
  }
  return value;
}

/** The kind of a value, never the value itself (it may be secret, or huge). */
function describeType(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (isPlainObject(value)) return "an object";
  return `a ${typeof value}`;
}

function omit(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out = { ...value };
  for (const key of keys) delete out[key];
  return out;
}

/** Formats failures the way the error of a create or update shows them. */
export function formatFailures(typeName: string, failures: CheckFailure[]): string {
  return `invalid inputs for ${typeName}:\n${failures.map((f) => `  - ${f.property}: ${f.reason}`).join("\n")}`;
}
