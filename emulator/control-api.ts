import type { ServerResponse } from "node:http";
import { TEST_ACCOUNTS } from "./accounts";
import { refuseControlRequest, type ArrivalSocket } from "./control-guard";
import { validateFault } from "./faults";
import { sendJson } from "./http-io";
import type { RawRequest } from "./protocols/types";
import type { ServerRuntime } from "./runtime";
import { SERVICES } from "./services/registry";
import type { ControlRoute, EmulatorRuntime } from "./services/types";

/** Reserved path prefix: no AWS API uses it, so control calls can share the port with the emulated services. */
export const CONTROL_PREFIX = "/_emulator/";

type Handler = (body: unknown, runtime: ServerRuntime) => unknown;

function numberField(body: unknown, name: string): number {
  const value = (body as Record<string, unknown> | null)?.[name];
  if (typeof value !== "number" || !Number.isFinite(value)) throw new TypeError(`${name} must be a number`);
  return value;
}

/** Generic routes; services add their own (e.g. directconnect/connection-state) through `controlRoutes`. */
const CORE_ROUTES: Record<string, Handler> = {
  "GET health": () => ({ ok: true, accounts: TEST_ACCOUNTS.map(({ name, accountId }) => ({ name, accountId })) }),
  "POST reset": (body, rt) => {
    rt.reset({ keepTimings: (body as { keepTimings?: unknown } | null)?.keepTimings === true });
    return { ok: true };
  },
  "GET clock": (_b, rt) => rt.clock.status(),
  "POST clock/advance": (body, rt) => {
    rt.clock.advance(numberField(body, "ms"));
    return rt.clock.status();
  },
  "POST clock/time-scale": (body, rt) => {
    rt.clock.setTimeScale(numberField(body, "timeScale"));
    return rt.clock.status();
  },
  "POST clock/manual": (body, rt) => {
    rt.clock.setManual((body as { manual?: unknown } | null)?.manual === true);
    return rt.clock.status();
  },
  "GET faults": (_b, rt) => rt.faults.list(),
  "POST faults": (body, rt) => rt.faults.add(validateFault(body)),
  "DELETE faults": (_b, rt) => {
    rt.faults.clear();
    return { ok: true };
  },
  "GET consistency": (_b, rt) => rt.consistency.settings(),
  "POST consistency": (body, rt) => rt.consistency.configure(body ?? {}),
  "GET log": (_b, rt) => rt.log.list(),
  "GET counts": (_b, rt) => rt.log.counts(),
  "GET state": (_b, rt) => {
    for (const service of SERVICES) service.refresh?.(rt);
    return rt.store.snapshot();
  },
};

const SERVICE_ROUTES: Record<string, ControlRoute> = Object.fromEntries(
  SERVICES.flatMap((s) => s.controlRoutes ?? []).map((r) => [`${r.method} ${r.path}`, r]),
);

export async function handleControl(raw: RawRequest, res: ServerResponse, runtime: ServerRuntime, socket: ArrivalSocket): Promise<void> {
  const refusal = refuseControlRequest(raw, socket);
  if (refusal) {
    sendJson(res, refusal.status, { error: refusal.message });
    return;
  }
  const key = `${raw.method} ${raw.path.slice(CONTROL_PREFIX.length).replace(/\/+$/, "")}`;
  const core = CORE_ROUTES[key];
  const serviceRoute = SERVICE_ROUTES[key];
  if (!core && !serviceRoute) {
    sendJson(res, 404, { error: `no control route ${key}` });
    return;
  }
  let body: unknown;
  try {
    const text = raw.body.toString("utf8").trim();
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    sendJson(res, 400, { error: "body is not valid JSON" });
    return;
  }
  let result: unknown;
  try {
    result = core ? core(body, runtime) : serviceRoute.handle(body, runtime as EmulatorRuntime);
  } catch (err) {
    const status = err instanceof TypeError || err instanceof RangeError ? 400 : 500;
    sendJson(res, status, { error: err instanceof Error ? err.message : String(err) });
    return;
  }
  try {
    // As for AWS requests: the answer waits until a change is saved (with --state).
    if (raw.method !== "GET") await runtime.store.settle();
  } catch (err) {
    sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) });
    return;
  }
  sendJson(res, 200, result ?? { ok: true });
}
