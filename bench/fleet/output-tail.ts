import { Writable } from "stream";

/** A sink for the CLI's output that keeps only its last 4,000 characters: printed when a benchmark run fails. */
export function outputTail(): { out: Writable; tail(): string } {
  let kept = "";
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      kept = (kept + chunk.toString()).slice(-4_000);
      done();
    },
  });
  return { out, tail: () => kept };
}
