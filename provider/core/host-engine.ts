/**
 * Whether this process is @pulumi/pulumi's dynamic-provider host, and the address of the engine that started it. The
 * host (cmd/dynamic-provider/index.js) is started with the engine's address as its last argument, e.g. `node
 * .../cmd/dynamic-provider/index.js 127.0.0.1:43347`, but never connects to it; this package does (./engine-log, to
 * send status messages; ./engine-watch, to notice when the engine is gone).
 */

/** The engine's address when `mainFile` is the dynamic-provider host's script, else undefined. */
export function engineAddressOfHost(mainFile: string | undefined, argv: readonly string[]): string | undefined {
  if (!mainFile || !/[\\/]cmd[\\/]dynamic-provider[\\/]index\.js$/.test(mainFile)) return undefined;
  const last = argv[argv.length - 1] ?? "";
  return /^[\w.\-[\]]+:\d+$/.test(last) ? last : undefined;
}

/** The engine's address when this process is the dynamic-provider host (a test or a program is not). */
export function hostEngineAddress(): string | undefined {
  return engineAddressOfHost(require.main?.filename, process.argv);
}
