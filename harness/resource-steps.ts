// The provider calls one registration of a custom resource leads to: Check, then the step itself — same, create (also
// the new half of a replacement) or update (step.go's SameStep, CreateStep, UpdateStep). Each step writes the state
// before it is reported, so that a crash right after a provider call loses no id.
import type { ProviderHost } from "./host";
import { ProviderError } from "./provider-wire";
import { diffLines, diffSummary, type StepOp } from "./display";
import type { RegisterAnswer, RegisterRequest } from "./protocol";
import { annotateSecrets, makeSecret, type PropertyMap } from "./props";
import type { StateResource } from "./state";
import type { StepResult } from "./engine-types";
import { errorMessage, type Deployment, type StepFailure, type StepTarget } from "./deployment";

/** What a create replaces, when it is the new half of a replacement. */
export interface Replacing {
  old: StateResource;
  /** Create-before-delete: the old instance is marked pendingDelete and deleted at the end. */
  pendingDelete: boolean;
  replaceKeys: string[];
  diffKeys: string[];
}

/** The state entry for a registration, without what the step decides (id, inputs, outputs). */
export function stateEntry(msg: RegisterRequest, target: StepTarget): Omit<StateResource, "id" | "inputs" | "outputs"> {
  const e: Omit<StateResource, "id" | "inputs" | "outputs"> = {
    urn: target.urn,
    type: target.type,
    name: target.name,
    custom: msg.custom,
  };
  if (msg.parent) e.parent = msg.parent;
  if (msg.dependencies.length) e.dependencies = msg.dependencies;
  if (Object.keys(msg.propertyDependencies).length) e.propertyDependencies = msg.propertyDependencies;
  if (msg.protect) e.protect = true;
  if (msg.retainOnDelete) e.retainOnDelete = true;
  if (msg.additionalSecretOutputs.length) e.additionalSecretOutputs = msg.additionalSecretOutputs;
  return e;
}

/** The program's answer to a registration (its seq is filled in where the answer is sent). */
export function answer(urn: string, id: string, object: PropertyMap): RegisterAnswer {
  return { kind: "answer", seq: 0, urn, id, object };
}

/** Provider outputs as stored: secret where the inputs were, and where the program asked for additional secrets. */
function secretOutputs(outputs: PropertyMap, inputs: PropertyMap, additionalSecretOutputs: string[]): PropertyMap {
  const outs = annotateSecrets(outputs, inputs);
  for (const k of additionalSecretOutputs) if (k in outs) outs[k] = makeSecret(outs[k]);
  return outs;
}

/**
 * The entry a create or update leaves. After ErrorResourceInitFailed the object exists but is not healthy: its
 * reasons are kept so that the next `up` updates it.
 */
function providerEntry(
  msg: RegisterRequest,
  target: StepTarget,
  id: string | undefined,
  inputs: PropertyMap,
  outputs: PropertyMap,
  initError: ProviderError | undefined,
): StateResource {
  const entry: StateResource = {
    ...stateEntry(msg, target),
    id,
    inputs,
    outputs: secretOutputs(outputs, inputs, msg.additionalSecretOutputs),
  };
  if (initError) entry.initErrors = initError.initFailure!.reasons;
  return entry;
}

function initFailure(d: Deployment, target: StepTarget, op: StepOp, e: ProviderError, extra: Partial<StepResult>): StepFailure {
  const reasons = e.initFailure?.reasons ?? [];
  const msg = `${target.urn}: ${e.message}` + (reasons.length ? `\n${reasons.map((r) => `  * ${r}`).join("\n")}` : "");
  return d.fail(target, op, msg, extra);
}

/** The provider's Check; check failures fail the step `op`. Secret inputs stay secret in what it returns. */
export async function checkInputs(
  d: Deployment,
  host: ProviderHost,
  target: StepTarget,
  op: StepOp,
  olds: PropertyMap,
  news: PropertyMap,
): Promise<PropertyMap> {
  let r: Awaited<ReturnType<ProviderHost["check"]>>;
  try {
    r = await host.check(target.urn, olds, news, d.preview);
  } catch (e) {
    throw d.fail(target, op, `${target.urn}: ${errorMessage(e)}`);
  }
  if (r.failures.length > 0) {
    const lines = r.failures.map((f) => (f.property ? `${target.urn}: ${f.property}: ${f.reason}` : `${target.urn}: ${f.reason}`));
    throw d.fail(target, op, lines.join("\n"));
  }
  return annotateSecrets(r.inputs, news);
}

export function sameStep(d: Deployment, msg: RegisterRequest, target: StepTarget, old: StateResource, checked: PropertyMap): RegisterAnswer {
  const entry: StateResource = { ...stateEntry(msg, target), id: old.id, inputs: checked, outputs: old.outputs };
  d.retired.add(old);
  d.news.push(entry);
  d.save();
  d.record({ ...target, op: "same", id: old.id, diffKeys: [], replaceKeys: [] });
  return answer(target.urn, old.id ?? "", old.outputs);
}

export async function createStep(
  d: Deployment,
  host: ProviderHost,
  msg: RegisterRequest,
  target: StepTarget,
  inputs: PropertyMap,
  repl?: Replacing,
): Promise<RegisterAnswer> {
  const op: StepOp = repl ? "replace" : "create";
  const diff = diffLines(repl ? repl.old.inputs : {}, inputs);
  const info = repl ? diffSummary(repl.old.inputs, inputs, repl.diffKeys) : "";
  const keys = { diffKeys: repl ? repl.diffKeys : [], replaceKeys: repl ? repl.replaceKeys : [] };
  if (d.preview) {
    // The Node.js dynamic provider does not support previews: the engine answers with the checked inputs.
    d.record({ ...target, op, ...keys }, { diff, info });
    return answer(target.urn, "", inputs);
  }
  let id: string;
  let outputs: PropertyMap;
  let initError: ProviderError | undefined;
  try {
    const r = await host.create(target.urn, inputs);
    if (!r.id) throw new ProviderError("provider did not return an ID from Create", 2);
    id = r.id;
    outputs = r.properties;
  } catch (e) {
    if (e instanceof ProviderError && e.initFailure) {
      initError = e;
      id = e.initFailure.id;
      outputs = e.initFailure.properties;
    } else {
      throw d.fail(target, op, `${target.urn}: ${errorMessage(e)}`, keys);
    }
  }
  const entry = providerEntry(msg, target, id, inputs, outputs, initError);
  d.news.push(entry);
  if (repl) {
    if (repl.pendingDelete) repl.old.pendingDelete = true;
    else d.retired.add(repl.old);
  }
  d.save();
  if (initError) throw initFailure(d, target, op, initError, { id, ...keys });
  d.record({ ...target, op, id, ...keys }, { diff, info });
  return answer(target.urn, id, entry.outputs);
}

export async function updateStep(
  d: Deployment,
  host: ProviderHost,
  msg: RegisterRequest,
  target: StepTarget,
  old: StateResource,
  inputs: PropertyMap,
  diffKeys: string[],
): Promise<RegisterAnswer> {
  const diff = diffLines(old.inputs, inputs);
  const info = diffSummary(old.inputs, inputs, diffKeys);
  if (d.preview) {
    d.record({ ...target, op: "update", id: old.id, diffKeys, replaceKeys: [] }, { diff, info });
    return answer(target.urn, old.id ?? "", inputs);
  }
  let outputs: PropertyMap;
  let initError: ProviderError | undefined;
  try {
    outputs = (await host.update(target.urn, old.id ?? "", old.outputs, old.inputs, inputs, msg.ignoreChanges)).properties;
  } catch (e) {
    if (e instanceof ProviderError && e.initFailure) {
      initError = e;
      outputs = e.initFailure.properties;
    } else {
      throw d.fail(target, "update", `${target.urn}: ${errorMessage(e)}`, { id: old.id, diffKeys });
    }
  }
  const entry = providerEntry(msg, target, old.id, inputs, outputs, initError);
  d.retired.add(old);
  d.news.push(entry);
  d.save();
  if (initError) throw initFailure(d, target, "update", initError, { id: old.id, diffKeys });
  d.record({ ...target, op: "update", id: old.id, diffKeys, replaceKeys: [] }, { diff, info });
  return answer(target.urn, old.id ?? "", entry.outputs);
}
