import { strict as assert } from "assert";
import { isDuration, parseDuration } from "../../provider/core/durations";

describe("durations", () => {
  const cases: Array<[string, number]> = [["30s", 30_000], ["10m", 600_000], ["1h30m", 5_400_000], ["2d", 172_800_000], ["500ms", 500], ["1.5h", 5_400_000]];
  for (const [text, ms] of cases) it(`${text} = ${ms} ms`, () => assert.equal(parseDuration(text), ms));
  for (const bad of ["", "10", "10 minutes", "m", "-5m", "0s"]) it(`"${bad}" is not a duration`, () => assert.equal(isDuration(bad), false));
});
