import { execFileSync } from "child_process";
import * as fs from "fs";

/**
 * What Linux says about one process, from /proc (proc(5)): CPU time, resident memory, and how many write system calls
 * it has made. Tests use two samples to tell a process that idles from one that spins or writes.
 */
export interface ProcessSample {
  /** When sampled (ms, this process's clock). */
  at: number;
  /** User plus system CPU time so far (/proc/<pid>/stat fields 14 and 15). */
  cpuMs: number;
  /** Resident set size (VmRSS of /proc/<pid>/status). */
  rssKiB: number;
  /** Write system calls so far, failed ones included (`syscw` of /proc/<pid>/io): pipes, sockets and files alike. */
  writeCalls: number;
  /** Bytes written so far (`wchar`: the kernel adds what each write call wrote, nothing for a failed one). */
  writeBytes: number;
}

let ticksPerSecond: number | undefined;

/** The kernel's clock tick (USER_HZ), in which /proc/<pid>/stat counts CPU time. */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100; // USER_HZ on every Linux architecture Node runs on
    }
  }
  return ticksPerSecond;
}

/** undefined when the process is gone, or a zombie (it has exited; only its parent has not collected it yet). */
export function sampleProcess(pid: number): ProcessSample | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields are counted after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return undefined;
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const io = fs.readFileSync(`/proc/${pid}/io`, "utf8");
    const field = (text: string, name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? NaN);
    return {
      at: Date.now(),
      cpuMs: (ticks * 1_000) / clockTicks(),
      rssKiB: field(status, "VmRSS"),
      writeCalls: field(io, "syscw"),
      writeBytes: field(io, "wchar"),
    };
  } catch {
    return undefined;
  }
}

/** The command line of a process (its arguments), or undefined when it is gone. */
export function commandLineOf(pid: number): string[] | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return undefined;
  }
}
