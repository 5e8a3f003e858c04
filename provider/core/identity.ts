import { createHash } from "node:crypto";

/** The input the SDK classes fill with the resource's identity (sdk/core/identity.ts). */
export const IDENTITY_KEY = "__identity";

/**
 * The resource's identity, when its program passed one (programs written for 0.1.0 did not). Unknown during a
 * preview; a create always sees it resolved.
 */
export function identityOf(inputs: Record<string, unknown>): string | undefined {
  const value = inputs[IDENTITY_KEY];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/**
 * A token that names one create of one resource: the same in every process for the same identity and the same
 * object-defining settings, different when any of them changes (a replacement with other settings is another object).
 */
export function deterministicToken(prefix: string, identity: string, settings: readonly unknown[]): string {
  const digest = createHash("sha256").update(JSON.stringify([identity, ...settings])).digest("hex");
  return `${prefix}${digest.slice(0, 40)}`;
}

/**
 * The resource's Pulumi name, read from its identity (`…/<kind>::<name>`, sdk/core/identity.ts): what messages name it
 * by. The last `/<kind>::` is the one the SDK wrote: a parent's URN before it may hold the same text (a parent of the
 * same kind), the name after it would have to contain it, which no name does in practice.
 */
export function resourceNameOf(kind: string, values: Record<string, unknown> | undefined): string | undefined {
  const identity = values === undefined ? undefined : identityOf(values);
  if (identity === undefined) return undefined;
  const marker = `/${kind}::`;
  const at = identity.lastIndexOf(marker);
  return at < 0 ? undefined : identity.slice(at + marker.length);
}
