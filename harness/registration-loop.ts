// Preview and update: runs the program and answers its registrations one at a time, in the order it makes them, as the
// engine's resource monitor does; when the program is done, the resources it no longer declares are deleted.
import { diffLines, type StepOp } from "./display";
import { ProgramProcess } from "./program";
import type { RegisterAnswer, RegisterOutputsRequest, RegisterRequest } from "./protocol";
import { changedKeys, deepEqual, type PropertyMap } from "./props";
import type { StateResource } from "./state";
import { STACK_TYPE, makeUrn } from "./urn";
import type { OperationResult } from "./engine-types";
import { StepFailure, type Deployment, type StepTarget } from "./deployment";
import { answer, stateEntry } from "./resource-steps";
import { customResourceStep } from "./step-generator";
import { generateDeletes } from "./delete-steps";

/** The status a failed registration is answered with: the SDK takes UNAVAILABLE as "stop quietly". */
const GRPC_UNAVAILABLE = 14;

export async function runProgram(d: Deployment): Promise<OperationResult> {
  d.printer.header();
  // Started now so that its start-up overlaps the program's, rather than waiting for the first registration.
  void d.host();
  let prog: ProgramProcess;
  try {
    prog = ProgramProcess.start({
      programDir: d.ctx.programDir,
      entry: d.ctx.entry,
      project: d.ctx.project,
      stack: d.ctx.stack,
      preview: d.preview,
      config: d.ctx.config,
      env: d.ctx.env,
    });
  } catch (e) {
    await d.stopHost();
    throw e;
  }
  let programError: string | undefined;
  let done = false;
  let hostOutput: string[] = [];
  try {
    for (;;) {
      const ev = await prog.next();
      if (ev.kind === "register") {
        try {
          const a = await register(d, ev);
          prog.answer({ ...a, seq: ev.seq });
        } catch (e) {
          if (!(e instanceof StepFailure)) throw e;
          // The engine stops the deployment: the program gets an error and is ended.
          prog.answer({ kind: "answer", seq: ev.seq, error: e.message, code: GRPC_UNAVAILABLE });
          break;
        }
      } else if (ev.kind === "outputs") {
        registerOutputs(d, ev);
        prog.answer({ kind: "answer", seq: ev.seq });
      } else if (ev.kind === "done") {
        done = true;
        break;
      } else if (ev.kind === "error") {
        programError = ev.message;
        break;
      } else {
        programError = `the program exited (${ev.code ?? ev.signal}) before it finished`;
        break;
      }
    }
    if (done) await prog.waitExit();
    else await prog.kill();
    if (done && !d.failed) await generateDeletes(d);
  } catch (e) {
    if (!(e instanceof StepFailure)) {
      await prog.kill();
      await d.stopHost();
      throw e;
    }
  } finally {
    await prog.kill();
    hostOutput = await d.stopHost();
  }
  if (programError !== undefined && !d.failed) {
    // A program that fails is an error of the operation itself, not a failed step: the caller gets an exception.
    const stderr = prog.stderr.join("\n");
    d.save();
    d.printer.diagnostics([
      {
        title: `${STACK_TYPE} (${d.ctx.project}-${d.ctx.stack})`,
        lines: [...prog.stdout, ...hostOutput, `error: ${programError}`],
      },
    ]);
    throw new Error(`the Pulumi program failed: ${programError}${stderr ? `\n--- program stderr ---\n${stderr}` : ""}`);
  }
  return d.finish(prog.stdout, prog.stderr, hostOutput);
}

/** RegisterResource: checks the URN can be used, then takes the step the registration calls for. */
async function register(d: Deployment, msg: RegisterRequest): Promise<RegisterAnswer> {
  const target: StepTarget = { urn: "", type: msg.type, name: msg.name };
  if (msg.parent && !d.registered.has(msg.parent)) {
    target.urn = makeUrn(d.ctx.stack, d.ctx.project, "", msg.type, msg.name);
    throw d.fail(target, "create", `could not find parent resource ${msg.parent}`);
  }
  target.urn = makeUrn(d.ctx.stack, d.ctx.project, msg.parent, msg.type, msg.name);
  if (d.registered.has(target.urn)) {
    throw d.fail(target, "create", `Duplicate resource URN '${target.urn}'; try giving it a unique name`);
  }
  d.registered.add(target.urn);
  if (msg.aliasCount > 0) d.warnings.push(`${target.urn}: aliases are ignored by the harness`);
  if (msg.deletedWith) d.warnings.push(`${target.urn}: deletedWith is ignored by the harness`);
  if (!msg.custom) return componentStep(d, msg, target);
  return customResourceStep(d, msg, target);
}

/** A component (the stack included) has no provider: same if its inputs are deep-equal, else an update (step_generator.diff). */
function componentStep(d: Deployment, msg: RegisterRequest, target: StepTarget): RegisterAnswer {
  const old = d.oldsByUrn.get(target.urn);
  let op: StepOp = "create";
  let outputs: PropertyMap = {};
  if (old) {
    op = deepEqual(old.inputs, msg.object) ? "same" : "update";
    outputs = old.outputs;
    d.retired.add(old);
  }
  const entry: StateResource = { ...stateEntry(msg, target), inputs: msg.object, outputs };
  d.news.push(entry);
  d.save();
  const keys = old ? changedKeys(old.inputs, msg.object) : [];
  d.record(
    { ...target, op, diffKeys: keys, replaceKeys: [] },
    { diff: op === "same" ? [] : diffLines(old?.inputs ?? {}, msg.object) },
  );
  return answer(target.urn, "", outputs);
}

/** RegisterResourceOutputs: a component's outputs; the root stack's are the stack's exports. */
function registerOutputs(d: Deployment, req: RegisterOutputsRequest): void {
  const entry = d.news.find((r) => r.urn === req.urn);
  if (!entry) return;
  entry.outputs = req.outputs;
  if (entry.type === STACK_TYPE && !entry.parent) {
    d.stackOutputs = req.outputs;
    d.stackOutputsRegistered = true;
  }
  d.save();
}
