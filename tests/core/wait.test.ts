import { strict as assert } from "assert";
import { pollModeFromEnvironment } from "../../provider/core/schedule";
import { alternatives, backoffDelay, pacingFromEnvironment, UnexpectedStatusError, waitFor, WaitTimeoutError, type Observation, type Pacing } from "../../provider/core/wait";

/** A clock that only moves when the wait sleeps, so these tests take no real time and are exact. */
function fakePacing(): Partial<Pacing> & { slept: number[]; clock: { now: number } } {
  const clock = { now: 0 };
  const slept: number[] = [];
  return {
    clock,
    slept,
    minDelayMs: 1_000,
    maxDelayMs: 8_000,
    notFoundChecks: 2,
    random: () => 0.5,
    now: () => clock.now,
    sleep: async (ms: number) => {
      slept.push(ms);
      clock.now += ms;
    },
  };
}

function sequence(statuses: Array<string | undefined>, message?: string): () => Promise<Observation<string> | undefined> {
  let i = 0;
  return async () => {
    const status = statuses[Math.min(i++, statuses.length - 1)];
    return status === undefined ? undefined : { value: status, status, message };
  };
}

describe("waitFor", () => {
  it("per-resource mode (0.1.0's, the benchmark's baseline): polls through pending statuses with exponential backoff capped at the maximum", async () => {
    const pacing = { ...fakePacing(), mode: "per-resource" as const };
    const seen = await waitFor({ what: "x", pending: ["requested", "pending"], target: ["available"], timeoutMs: 60_000, pacing, observe: sequence(["requested", "pending", "pending", "pending", "pending", "available"]) });
    assert.equal(seen?.status, "available");
    // equal jitter with random()=0.5: 3/4 of 1s, 2s, 4s, 8s, 8s
    assert.deepEqual(pacing.slept, [750, 1500, 3000, 6000, 6000]);
  });

  it("shared mode: ticks that grow with the time waited (one unit at first, jitter taking at most a tenth off)", async () => {
    const pacing = fakePacing();
    const statuses = [...Array<string>(12).fill("pending"), "available"];
    const seen = await waitFor({ what: "x", pending: ["pending"], target: ["available"], timeoutMs: 600_000, pacing, observe: sequence(statuses) });
    assert.equal(seen?.status, "available");
    // random()=0.5 takes 5 % off: 1 s units until a quarter of the waited time is larger, then up to 5 units.
    const expected: number[] = [];
    let waited = 0;
    for (let i = 0; i < 12; i++) {
      const delay = Math.min(5_000, Math.max(1_000, waited / 4)) * 0.95;
      expected.push(delay);
      waited += delay;
    }
    assert.deepEqual(pacing.slept.map(Math.round), expected.map(Math.round));
    assert.equal(pacing.slept[0], 950);
    assert.ok(pacing.slept.every((ms) => ms <= 5_000));
  });

  it("shared mode: an answer in hand is judged first, without a look", async () => {
    let looks = 0;
    const observe = async () => {
      looks++;
      return { value: "available", status: "available" };
    };
    const done = await waitFor({ what: "x", pending: ["pending"], target: ["available"], timeoutMs: 60_000, pacing: fakePacing(), initial: { value: "available", status: "available" }, observe });
    assert.equal(done?.status, "available");
    assert.equal(looks, 0);
    const pacing = fakePacing();
    await waitFor({ what: "x", pending: ["pending"], target: ["available"], timeoutMs: 60_000, pacing, initial: { value: "pending", status: "pending" }, observe });
    assert.equal(looks, 1, "a pending answer is followed by one look, a tick later");
    assert.equal(pacing.slept.length, 1);
  });

  it("shared mode with firstLookShared: the first look too is a shared one, within one unit", async () => {
    const pacing = fakePacing();
    const windows: Array<{ earliest: number; latest: number; deadline: number }> = [];
    const seen = await waitFor({
      what: "x",
      pending: [],
      target: ["PENDING"],
      timeoutMs: 60_000,
      pacing,
      firstLookShared: true,
      observe: async () => assert.fail("a shared wait does not look on its own"),
      lookShared: async (window) => {
        windows.push(window);
        return { value: "PENDING", status: "PENDING" };
      },
    });
    assert.equal(seen?.status, "PENDING");
    assert.deepEqual(windows, [{ earliest: 0, latest: 1_000, deadline: 60_000 }]);
  });

  it("per-resource mode ignores an answer in hand (0.1.0 looked at once)", async () => {
    let looks = 0;
    const observe = async () => {
      looks++;
      return { value: "available", status: "available" };
    };
    await waitFor({ what: "x", pending: [], target: ["available"], timeoutMs: 60_000, pacing: { ...fakePacing(), mode: "per-resource" }, initial: { value: "available", status: "available" }, observe });
    assert.equal(looks, 1);
  });

  it("shared mode with a shared look: asks for a look from half its delay on, by one settle tick (5 units) at the latest, instead of sleeping", async () => {
    const pacing = fakePacing();
    const windows: Array<{ earliest: number; latest: number; deadline: number }> = [];
    const answers = ["pending", "pending", "available"];
    const seen = await waitFor({
      what: "x",
      pending: ["pending"],
      target: ["available"],
      timeoutMs: 60_000,
      pacing,
      initial: { value: "pending", status: "pending" },
      observe: async () => assert.fail("a shared wait does not look on its own"),
      lookShared: async (window) => {
        windows.push(window);
        pacing.clock.now = window.latest;
        const status = answers.shift()!;
        return { value: status, status };
      },
    });
    assert.equal(seen?.status, "available");
    assert.equal(pacing.slept.length, 0);
    assert.deepEqual(windows[0], { earliest: 475, latest: 5_000, deadline: 60_000 });
    assert.equal(windows.length, 3);
  });

  it("fails at once on a failure status, with the status message, naming the targets once (in `what`)", async () => {
    const pacing = fakePacing();
    await assert.rejects(
      waitFor({
        what: `conn (cc-1) to become ${alternatives(["PENDING_ACCEPTANCE", "APPROVED", "ACTIVE"])}`,
        pending: ["VALIDATING"],
        target: ["PENDING_ACCEPTANCE", "APPROVED", "ACTIVE"],
        failure: ["VALIDATION_FAILED"],
        timeoutMs: 60_000,
        pacing,
        observe: sequence(["VALIDATING", "VALIDATING", "VALIDATION_FAILED"], "remote domain missing"),
      }),
      (error: unknown) =>
        error instanceof UnexpectedStatusError &&
        error.message === "conn (cc-1) to become PENDING_ACCEPTANCE, APPROVED or ACTIVE: it is VALIDATION_FAILED after 2s: remote domain missing",
    );
    assert.equal(pacing.slept.length, 2);
  });

  it("fails at once on a status in no list (no waited time when it was seen at the first look)", async () => {
    await assert.rejects(
      waitFor({ what: "conn to become b", pending: ["a"], target: ["b"], timeoutMs: 60_000, pacing: fakePacing(), observe: sequence(["weird"]) }),
      (error: Error) => error.message === "conn to become b: it is weird",
    );
  });

  it("a timeout names the last status with its message", async () => {
    await assert.rejects(
      waitFor({ what: "conn to become b", pending: ["a"], target: ["b"], timeoutMs: 5_000, pacing: fakePacing(), observe: sequence(["a"], "still checking") }),
      (error: Error) => error.message === "conn to become b: timed out after 5s (still a: still checking)",
    );
  });

  it("times out with the last status, keeping the last observation", async () => {
    const pacing = fakePacing();
    await assert.rejects(
      waitFor({ what: "conn", pending: ["pending"], target: ["available"], timeoutMs: 10_000, pacing, observe: sequence(["pending"]) }),
      (error: unknown) => error instanceof WaitTimeoutError && /timed out after 10s \(still pending\)/.test(error.message) && (error.last as Observation<string>).status === "pending",
    );
    assert.ok(pacing.clock.now <= 10_000, "never sleeps past the deadline");
  });

  it("tolerates not-found right after a create, up to the limit", async () => {
    const seen = await waitFor({ what: "x", pending: [], target: ["requested"], timeoutMs: 60_000, pacing: fakePacing(), observe: sequence([undefined, undefined, "requested"]) });
    assert.equal(seen?.status, "requested");
    await assert.rejects(
      waitFor({ what: "x", pending: [], target: ["requested"], timeoutMs: 60_000, pacing: fakePacing(), observe: sequence([undefined]) }),
      /not found \(3 checks in a row\)/,
    );
  });

  it("tolerates not-found for notFoundForMs as well (objects slow to become visible), then fails", async () => {
    const pacing = fakePacing();
    const appears = [...Array<undefined>(6).fill(undefined), "requested"];
    const seen = await waitFor({ what: "x", pending: [], target: ["requested"], timeoutMs: 60_000, notFoundForMs: 30_000, pacing, observe: sequence(appears) });
    assert.equal(seen?.status, "requested");
    const never = fakePacing();
    await assert.rejects(
      waitFor({ what: "x", pending: [], target: ["requested"], timeoutMs: 60_000, notFoundForMs: 10_000, pacing: never, observe: sequence([undefined]) }),
      (error: unknown) => error instanceof UnexpectedStatusError && /not found/.test(error.message),
    );
    assert.ok(never.clock.now >= 10_000 && never.clock.now < 20_000, `gave up at ${never.clock.now} ms`);
  });

  it("treats not-found as the target when waiting for a delete", async () => {
    const seen = await waitFor({ what: "x", pending: ["deleting"], target: [], notFoundIsTarget: true, timeoutMs: 60_000, pacing: fakePacing(), observe: sequence(["deleting", undefined]) });
    assert.equal(seen, undefined);
  });

  it("spreads delays with jitter between half and all of the ceiling", () => {
    const low = backoffDelay(3, { minDelayMs: 100, maxDelayMs: 10_000, random: () => 0 });
    const high = backoffDelay(3, { minDelayMs: 100, maxDelayMs: 10_000, random: () => 0.999999 });
    assert.equal(low, 400);
    assert.ok(high > 799 && high <= 800);
  });

  it("PULUMI_AWS_CONNECTIONS_POLLER chooses the mode: shared by default, per-resource for the baseline, anything else is an error", () => {
    assert.equal(pollModeFromEnvironment({}), "shared");
    assert.equal(pollModeFromEnvironment({ PULUMI_AWS_CONNECTIONS_POLLER: "per-resource" }), "per-resource");
    assert.throws(() => pollModeFromEnvironment({ PULUMI_AWS_CONNECTIONS_POLLER: "fast" }), /PULUMI_AWS_CONNECTIONS_POLLER: must be "shared" or "per-resource"/);
  });

  it("reads faster polling for the emulator from PULUMI_AWS_CONNECTIONS_POLL_MS", () => {
    assert.deepEqual(pacingFromEnvironment({ PULUMI_AWS_CONNECTIONS_POLL_MS: "20,200" }), { minDelayMs: 20, maxDelayMs: 200 });
    assert.deepEqual(pacingFromEnvironment({ PULUMI_AWS_CONNECTIONS_POLL_MS: "nonsense" }), {});
  });
});
