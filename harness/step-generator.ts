// Which step a custom resource's registration becomes (step_generator.go): create when it is new, re-create when this
// run deleted it ahead of a delete-before-replace, else whatever the provider's Diff calls for — same, update or
// replace — with ignoreChanges, replaceOnChanges and init errors applied as the engine applies them.
import type { DiffResult } from "./host";
import type { StepOp } from "./display";
import type { RegisterAnswer, RegisterRequest } from "./protocol";
import { changedKeys, pathContains, processIgnoreChanges } from "./props";
import { errorMessage, type Deployment, type StepTarget } from "./deployment";
import { checkInputs, createStep, sameStep, updateStep } from "./resource-steps";
import { replaceStep } from "./replacements";

const PROVIDER_PREFIX = "pulumi:providers:";

export async function customResourceStep(d: Deployment, msg: RegisterRequest, target: StepTarget): Promise<RegisterAnswer> {
  const old = d.oldsByUrn.get(target.urn);
  if (!msg.type.startsWith("pulumi-nodejs:dynamic")) {
    const pkg = msg.type.startsWith(PROVIDER_PREFIX) ? msg.type.slice(PROVIDER_PREFIX.length) : msg.type.split(":")[0];
    throw d.fail(
      target,
      old ? "update" : "create",
      `${target.urn}: the harness drives only Node.js dynamic resources (type pulumi-nodejs:dynamic…); ` +
        `'${msg.type}' would need the '${pkg}' resource plugin, which the harness does not run`,
    );
  }
  if (msg.importId) {
    throw d.fail(target, "create", `${target.urn}: the 'import' resource option is not supported by the harness`);
  }
  const host = await d.host();
  const recreating = d.deletedUrns.has(target.urn);
  let news = msg.object;
  if (old && !recreating) {
    const ic = processIgnoreChanges(msg.object, old.inputs, msg.ignoreChanges);
    if (ic.invalid.length) {
      throw d.fail(
        target,
        "update",
        `${target.urn}: cannot ignore changes to the following properties because one or more elements of the path are missing: ${ic.invalid.join(", ")}`,
      );
    }
    news = ic.inputs;
  }
  const checkOp: StepOp = old ? "update" : "create";
  const checked = await checkInputs(d, host, target, checkOp, old && !recreating ? old.inputs : {}, news);

  if (!old) return createStep(d, host, msg, target, checked);
  if (recreating) {
    // Deleted earlier in this run because a resource it depends on was replaced delete-before-replace.
    return createStep(d, host, msg, target, checked, {
      old,
      pendingDelete: false,
      replaceKeys: d.dependentReplaceKeys.get(target.urn) ?? [],
      diffKeys: changedKeys(old.inputs, checked),
    });
  }

  let diff: DiffResult;
  try {
    diff = await host.diff(target.urn, old.id ?? "", old.outputs, old.inputs, checked, d.preview, msg.ignoreChanges);
  } catch (e) {
    throw d.fail(target, "update", `${target.urn}: ${errorMessage(e)}`);
  }
  let changed: string[] = [];
  let changes = diff.changes;
  if (changes === "unknown") {
    // diffResource: an unknown diff falls back to comparing the old and new inputs (`__provider` included).
    const n = processIgnoreChanges(checked, old.inputs, msg.ignoreChanges).inputs;
    changed = changedKeys(old.inputs, n, []);
    changes = changed.length > 0 ? "some" : "none";
  }
  const hasInitErrors = (old.initErrors?.length ?? 0) > 0;
  const replaces = [...diff.replaces];
  if (changes === "some" || hasInitErrors) {
    // applyReplaceOnChanges
    for (const k of changed) if (msg.replaceOnChanges.some((p) => pathContains(p, k)) && !replaces.includes(k)) replaces.push(k);
    if (hasInitErrors && msg.replaceOnChanges.some((p) => pathContains(p, "#initerror"))) {
      replaces.push("#initerror");
      changes = "some";
    }
  }
  const diffKeys = changedKeys(old.inputs, checked);
  if (changes === "some" || old.pendingReplacement) {
    if (replaces.length > 0 || old.pendingReplacement) {
      return replaceStep(d, host, msg, target, old, diff, replaces, diffKeys);
    }
    return updateStep(d, host, msg, target, old, checked, diffKeys);
  }
  // An unchanged resource with initialization errors gets an (empty) update to continue initializing.
  if (hasInitErrors) return updateStep(d, host, msg, target, old, checked, diffKeys);
  return sameStep(d, msg, target, old, checked);
}
