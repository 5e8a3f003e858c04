import { strict as assert } from "assert";
import { tickDelay } from "../../provider/core/schedule";

/** Looks a wait makes until `untilMs`, on the schedule without jitter (the first look at 0 is the create's answer). */
function looksUntil(untilMs: number, minDelayMs = 2_000): number[] {
  const looks: number[] = [];
  for (let t = 0; t < untilMs; ) {
    t += tickDelay(t, { minDelayMs });
    looks.push(t);
  }
  return looks;
}

describe("adaptive ticks (schedule.ts)", () => {
  it("a short wait is seen within one tick of at most 10 s", () => {
    const looks = looksUntil(100_000);
    const gaps = looks.map((t, i) => t - (looks[i - 1] ?? 0));
    assert.ok(gaps.every((gap) => gap >= 2_000 && gap <= 10_000), `gaps ${gaps.join(", ")}`);
    assert.equal(gaps[0], 2_000);
  });

  it("a tick is never more than a tenth of the time waited once the first 100 s have passed, nor more than 15 minutes", () => {
    for (const waited of [100_000, 600_000, 3_600_000, 9_000_000, 86_400_000, 4 * 86_400_000]) {
      const delay = tickDelay(waited, { minDelayMs: 2_000 });
      assert.ok(delay <= Math.max(10_000, waited / 10) && delay <= 900_000, `${delay} ms after ${waited} ms`);
    }
  });

  it("a four-day Direct Connect provisioning costs at most 1,000 looks (about 450)", () => {
    const looks = looksUntil(4 * 86_400_000);
    assert.ok(looks.length <= 1_000, `${looks.length} looks`);
    assert.ok(looks.length >= 300, `${looks.length} looks: the lag would be more than a tenth of the wait`);
  });

  it("a 180 s wait costs about as many looks as Terraform's waiter (26)", () => {
    const looks = looksUntil(180_000);
    assert.ok(looks.length >= 15 && looks.length <= 30, `${looks.length} looks`);
  });

  it("scales with its unit: the emulator's fast clock shrinks every tick alike", () => {
    assert.equal(tickDelay(50_000, { minDelayMs: 2_000 }) / 1_000, tickDelay(50, { minDelayMs: 2 }));
    assert.equal(tickDelay(7_200_000, { minDelayMs: 2_000 }) / 1_000, tickDelay(7_200, { minDelayMs: 2 }));
  });
});
