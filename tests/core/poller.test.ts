import { strict as assert } from "assert";
import { SharedPoller, type LookWindow, type PollerTimers } from "../../provider/core/poller";

/** A fake clock: timers run only when the test drives them, so these tests take no real time and are exact. */
function fakeTimers(minDelayMs = 1_000): PollerTimers & { clock: { now: number }; runAll(): Promise<void> } {
  const clock = { now: 0 };
  let timers: Array<{ at: number; run: () => void }> = [];
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return {
    clock,
    minDelayMs,
    now: () => clock.now,
    random: () => 0.5,
    after(ms, run) {
      const timer = { at: clock.now + ms, run };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    async runAll() {
      for (let guard = 0; guard < 10_000; guard++) {
        await flush();
        if (timers.length === 0) return;
        const next = timers.reduce((a, b) => (b.at < a.at ? b : a));
        timers = timers.filter((t) => t !== next);
        clock.now = Math.max(clock.now, next.at);
        next.run();
      }
      throw new Error("timers never settled");
    },
  };
}

const window = (earliest: number, latest: number, deadline = 1_000_000): LookWindow => ({ earliest, latest, deadline });

/** A source whose objects change status at set times; counts its calls and the ids each call asked for. */
function fakeSource(timers: { now(): number }, readyAt: Record<string, number>) {
  const calls: string[][] = [];
  return {
    calls,
    source: {
      key: "test",
      fetch: async (ids: readonly string[]) => {
        calls.push([...ids]);
        const found = new Map<string, string>();
        for (const id of ids) if (id in readyAt) found.set(id, timers.now() >= readyAt[id] ? "ready" : "pending");
        return found;
      },
    },
  };
}

describe("SharedPoller", () => {
  it("serves 200 concurrent looks with one call", async () => {
    const timers = fakeTimers();
    const readyAt = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`id-${i}`, 0]));
    const { source, calls } = fakeSource(timers, readyAt);
    const poller = new SharedPoller(source, timers);
    const looks = Object.keys(readyAt).map((id) => poller.look(id, window(500, 1_000)));
    await timers.runAll();
    assert.deepEqual(await Promise.all(looks), Array(200).fill("ready"));
    assert.equal(calls.length, 1);
    assert.equal(calls[0].length, 200);
    assert.equal(timers.clock.now, 1_000, "the tick comes at the latest the looks allow");
    assert.equal(poller.waiting, 0);
  });

  it("a tick serves every look whose window has opened, and no look before its window", async () => {
    const timers = fakeTimers();
    const { source, calls } = fakeSource(timers, { a: 0, b: 0, c: 0 });
    const poller = new SharedPoller(source, timers);
    const a = poller.look("a", window(500, 1_000));
    const b = poller.look("b", window(800, 5_000)); // open at 1 000: served by a's tick
    const c = poller.look("c", window(2_000, 4_000)); // not open yet: its own tick at 4 000
    await timers.runAll();
    assert.deepEqual(await Promise.all([a, b, c]), ["ready", "ready", "ready"]);
    assert.deepEqual(calls, [["a", "b"], ["c"]]);
    assert.equal(timers.clock.now, 4_000);
  });

  it("an id the tick did not find resolves undefined (not found)", async () => {
    const timers = fakeTimers();
    const { source } = fakeSource(timers, {});
    const poller = new SharedPoller(source, timers);
    const look = poller.look("gone", window(0, 10));
    await timers.runAll();
    assert.equal(await look, undefined);
  });

  it("slows down on throttling instead of failing: the looks are put back, each throttled tick doubling the delay", async () => {
    const timers = fakeTimers();
    let throttles = 2;
    const callTimes: number[] = [];
    const poller = new SharedPoller<string>(
      {
        key: "t",
        fetch: async (ids) => {
          callTimes.push(timers.now());
          if (throttles-- > 0) throw Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException", $metadata: { httpStatusCode: 400 } });
          return new Map(ids.map((id) => [id, "ready"]));
        },
      },
      timers,
    );
    const looks = [poller.look("a", window(0, 100)), poller.look("b", window(0, 100))];
    await timers.runAll();
    assert.deepEqual(await Promise.all(looks), ["ready", "ready"]);
    // random()=0.5: three quarters of 2 and 4 units after each throttled tick.
    assert.deepEqual(callTimes, [100, 1_600, 4_600]);
  });

  it("a throttled look whose deadline comes first fails with the throttling error; other errors fail at once", async () => {
    const timers = fakeTimers();
    const throttling = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException", $metadata: { httpStatusCode: 400 } });
    const throttled = new SharedPoller<string>({ key: "t", fetch: async () => Promise.reject(throttling) }, timers);
    const late = throttled.look("a", window(0, 100, 1_000)).catch((error: unknown) => error);
    await timers.runAll();
    assert.equal(await late, throttling);

    const denied = Object.assign(new Error("denied"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 403 } });
    let calls = 0;
    const failing = new SharedPoller<string>(
      {
        key: "d",
        fetch: async () => {
          calls++;
          throw denied;
        },
      },
      timers,
    );
    const look = failing.look("a", window(0, 100)).catch((error: unknown) => error);
    await timers.runAll();
    assert.equal(await look, denied);
    assert.equal(calls, 1);
  });

  it("looks that arrive while a tick is under way wait for the next tick (never two calls at once)", async () => {
    const timers = fakeTimers();
    let inFlight = 0;
    let most = 0;
    const poller = new SharedPoller<string>(
      {
        key: "f",
        fetch: async (ids) => {
          inFlight++;
          most = Math.max(most, inFlight);
          await new Promise((resolve) => setImmediate(resolve));
          inFlight--;
          return new Map(ids.map((id) => [id, "ready"]));
        },
      },
      timers,
    );
    const first = poller.look("a", window(0, 0));
    await new Promise((resolve) => setImmediate(resolve));
    const timersRun = timers.runAll();
    const second = poller.look("b", window(0, 0));
    await timersRun;
    await timers.runAll();
    assert.deepEqual(await Promise.all([first, second]), ["ready", "ready"]);
    assert.equal(most, 1);
  });
  it("lookAll: a source that lists everything answers a create's search in the same tick as the waits", async () => {
    const timers = fakeTimers();
    const calls: string[][] = [];
    const listing = new Map([["a", "ready"], ["b", "pending"]]);
    const poller = new SharedPoller<string>({ key: "all", listsEverything: true, fetch: async (ids) => (calls.push([...ids]), listing) }, timers);
    const searches = Array.from({ length: 50 }, () => poller.lookAll(window(0, 1_000)));
    const wait = poller.look("a", window(0, 1_000));
    await timers.runAll();
    for (const seen of await Promise.all(searches)) assert.deepEqual([...seen], [["a", "ready"], ["b", "pending"]]);
    assert.equal(await wait, "ready");
    assert.deepEqual(calls, [["a"]], "50 searches and a wait: one call");
  });

  it("lookAll is refused for a source that lists by id only (its answer would not be everything)", () => {
    const timers = fakeTimers();
    const { source } = fakeSource(timers, {});
    assert.throws(() => new SharedPoller(source, timers).lookAll(window(0, 10)), /lists objects by id only/);
  });

  it("adding a look is O(1): it plans a timer only when its window closes before the planned tick", async () => {
    const timers = fakeTimers();
    let planned = 0;
    const counting: PollerTimers = { ...timers, after: (ms, run) => (planned++, timers.after(ms, run)) };
    const { source, calls } = fakeSource(timers, Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`id-${i}`, 0])));
    const poller = new SharedPoller(source, counting);
    // Windows closing later and later: only the first plans a tick (a rescan per add would make this O(N²)).
    const looks = Array.from({ length: 1_000 }, (_, i) => poller.look(`id-${i}`, window(0, 1_000 + i)));
    assert.equal(planned, 1);
    await timers.runAll();
    assert.equal((await Promise.all(looks)).length, 1_000);
    assert.equal(calls.length, 1);
  });
});
