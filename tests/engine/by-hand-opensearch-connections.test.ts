// The README's "Running an example by hand against the emulator", run exactly as written (tests/support/by-hand.ts).
import { describeByHand } from "../support/by-hand";

describeByHand("opensearch-connections");
