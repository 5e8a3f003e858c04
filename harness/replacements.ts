// Replacing a resource: create-before-delete (the default; the old instance is deleted at the end of the update) or
// delete-before-replace, which first deletes every dependent the replacement would replace too
// (step_generator.calculateDependentReplacements).
import type { DiffResult, ProviderHost } from "./host";
import type { RegisterAnswer, RegisterRequest } from "./protocol";
import { UNKNOWN, changedKeys, type PropertyMap } from "./props";
import type { StateResource } from "./state";
import { errorMessage, type Deployment, type StepTarget } from "./deployment";
import { checkInputs, createStep, type Replacing } from "./resource-steps";
import { deleteResource } from "./delete-steps";

export async function replaceStep(
  d: Deployment,
  host: ProviderHost,
  msg: RegisterRequest,
  target: StepTarget,
  old: StateResource,
  diff: DiffResult,
  replaceKeys: string[],
  diffKeys: string[],
): Promise<RegisterAnswer> {
  if (msg.protect && old.protect) {
    throw d.fail(target, "replace", `unable to replace resource "${target.urn}"\nas it is currently marked for protection.`);
  }
  // A replacement recomputes defaults: Check again without the old inputs.
  const inputs = await checkInputs(d, host, target, "replace", {}, msg.object);
  const repl = (pendingDelete: boolean): Replacing => ({ old, pendingDelete, replaceKeys, diffKeys: changedKeys(old.inputs, inputs) });
  const deleteBeforeReplace = msg.deleteBeforeReplace ?? diff.deleteBeforeReplace;
  if (!deleteBeforeReplace) return createStep(d, host, msg, target, inputs, repl(true));

  // Delete-before-replace: first delete every dependent that the replacement would replace, in reverse
  // dependency order, then the resource itself, then create the replacement.
  const dependents = await dependentReplacements(d, host, old);
  for (let i = dependents.length - 1; i >= 0; i--) {
    const dep = dependents[i].res;
    if (d.deletedThisRun.has(dep)) continue;
    d.dependentReplaceKeys.set(dep.urn, dependents[i].keys);
    await deleteResource(d, host, dep, { replacing: !dep.pendingDelete, pendingReplacement: !dep.pendingDelete });
    d.deletedUrns.add(dep.urn);
    d.deletedThisRun.add(dep);
  }
  if (!old.pendingReplacement) await deleteResource(d, host, old, { replacing: true, pendingReplacement: true });
  d.deletedThisRun.add(old);
  return createStep(d, host, msg, target, inputs, repl(false));
}

/**
 * step_generator.calculateDependentReplacements over the old state's dependency graph: the custom resources not yet
 * registered in this run that depend on `root` and whose provider says they must be replaced once the inputs that
 * came from a replaced resource become unknown. In dependency order, each with the keys that force its replacement.
 */
async function dependentReplacements(
  d: Deployment,
  host: ProviderHost,
  root: StateResource,
): Promise<{ res: StateResource; keys: string[] }[]> {
  const start = d.olds.indexOf(root);
  const dependentSet = new Set([root.urn]);
  const dependents: StateResource[] = [];
  for (const c of d.olds.slice(start + 1)) {
    if (d.registered.has(c.urn)) continue;
    const deps = [...(c.dependencies ?? []), ...Object.values(c.propertyDependencies ?? {}).flat()];
    if (deps.some((dep) => dependentSet.has(dep))) {
      dependents.push(c);
      dependentSet.add(c.urn);
    }
  }
  const replaceSet = new Set([root.urn]);
  const out: { res: StateResource; keys: string[] }[] = [];
  for (const dependent of dependents) {
    if (!dependent.custom) continue;
    let depends = false;
    const inputsForDiff: PropertyMap = {};
    for (const [k, v] of Object.entries(dependent.inputs)) {
      let value = v;
      for (const dep of dependent.propertyDependencies?.[k] ?? []) {
        if (replaceSet.has(dep)) {
          depends = true;
          value = UNKNOWN;
        }
      }
      inputsForDiff[k] = value;
    }
    if (!depends) continue;
    let diff: DiffResult;
    try {
      diff = await host.diff(dependent.urn, dependent.id ?? "", dependent.outputs, dependent.inputs, inputsForDiff, true);
    } catch (e) {
      throw d.fail(dependent, "replace", `${dependent.urn}: ${errorMessage(e)}`);
    }
    if (diff.replaces.length > 0) {
      out.push({ res: dependent, keys: diff.replaces });
      replaceSet.add(dependent.urn);
    }
  }
  return out;
}
