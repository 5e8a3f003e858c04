import { createHash } from "node:crypto";

/** The input the SDK classes fill with the resource's identity (sdk/core/identity.ts). */
export const IDENTITY_KEY = "__identity";

/**
 * The input check adds: which create of this resource the inputs are for. 0 for a resource not in state yet (olds are
 * empty), one more than the recorded generation otherwise. Why: a create's token must be the same in every process
 * that retries it after a crash (the engine then calls check again with the same olds, so the same generation), but
 * differ from the token of the object already in state, which a replacement (`pulumi up --replace`, even with the very
 * same settings) must not take over. The engine writes it to state with the inputs; outputs keep it too, so a refresh
 * (which rewrites the inputs from read) does not lose it.
 */
export const GENERATION_KEY = "__createGeneration";

export function nextGeneration(olds: Record<string, unknown>): number {
  if (Object.keys(olds).length === 0) return 0;
  const recorded = Number(olds[GENERATION_KEY]);
  return Number.isSafeInteger(recorded) && recorded >= 0 ? recorded + 1 : 1;
}

/** The generation the inputs carry (0 when check added none: a direct caller of create). */
export function generationOf(inputs: Record<string, unknown>): number {
  const value = Number(inputs[GENERATION_KEY]);
  return Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

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
