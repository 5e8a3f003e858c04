// Mocha's settings (mocha reads .mocharc.js before .mocharc.json; this file replaced the JSON one so that CI can differ).
// In CI (CI=true, as CI services set it) a `.only` left in a test fails the run instead of silently skipping every
// other test: mocha's `forbidOnly` (https://mochajs.org/#-forbid-only).
"use strict";

const ci = process.env.CI !== undefined && !["", "0", "false"].includes(process.env.CI.toLowerCase());

module.exports = {
  require: ["ts-node/register/transpile-only"],
  extension: ["ts"],
  // A guard against a hang, never a speed target: on a loaded 2-core machine a correct test may take many times its quiet
  // time, and a test that fails then is a flaky test. No test sets a lower limit; speed targets live in bench/.
  timeout: 600_000,
  recursive: true,
  forbidOnly: ci,
};
