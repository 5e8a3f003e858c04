import type { FieldSet, FieldSpec } from "./fields";
import { containsUnknown } from "./unknown";
import { deepEqual, isPlainObject } from "./values";

/** What the engine receives from a dynamic provider's diff (it ignores everything else, e.g. detailedDiff). */
export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

type FieldChange = "none" | "update" | "replace";

/**
 * Compares old outputs (which echo the old inputs) with new checked inputs, field by field. A changed or unknown value in
 * an immutable field means replace; any other difference means an in-place update. Computed outputs and `__provider` are
 * never inputs and so never compared.
 */
export function diffFields(fields: FieldSet, olds: Record<string, unknown>, news: Record<string, unknown>): DiffResult {
  const replaces: string[] = [];
  let changes = false;
  for (const [key, field] of Object.entries(fields)) {
    const change = compareField(field, withDefault(field, olds[key]), withDefault(field, news[key]));
    if (change === "none") continue;
    changes = true;
    if (change === "replace") replaces.push(key);
  }
  return { changes, replaces, deleteBeforeReplace: false };
}

function withDefault(field: FieldSpec, value: unknown): unknown {
  if ((value === undefined || value === null) && "default" in field) return field.default;
  return value;
}

function compareField(field: FieldSpec, old: unknown, next: unknown): FieldChange {
  if (field.type === "object" && isPlainObject(next) && (old === undefined || old === null || isPlainObject(old))) {
    // Compare sub-field by sub-field, so that aws.region replaces while aws.profile only updates.
    let result: FieldChange = "none";
    const oldObject = (old ?? {}) as Record<string, unknown>;
    for (const [key, sub] of Object.entries(field.fields)) {
      const change = compareField(sub, withDefault(sub, oldObject[key]), withDefault(sub, next[key]));
      if (change === "replace") return "replace";
      if (change === "update") result = "update";
    }
    return result;
  }
  if (containsUnknown(next)) return field.immutable || hasImmutablePart(field) ? "replace" : "update";
  if (deepEqual(old, next)) return "none";
  if (field.immutable) return "replace";
  if (field.type === "object" && (next === undefined || next === null) && isPlainObject(old)) {
    return compareField(field, old, {});
  }
  return "update";
}

function hasImmutablePart(field: FieldSpec): boolean {
  return field.type === "object" && Object.values(field.fields).some((sub) => sub.immutable || hasImmutablePart(sub));
}
