/**
 * @module bench/actors/run-actor
 * The contract between the bench driver and each process it starts (mock upstream,
 * forwarder, Lynkr, Portkey): the child listens on 127.0.0.1, tells the parent its port
 * over the IPC channel (`{ ready: port }`), and closes on SIGTERM or when the parent goes.
 */
export interface Actor {
  port: number;
  close(): Promise<void>;
}

export async function runActor(name: string, start: () => Promise<Actor>): Promise<void> {
  const actor = await start();
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(0), 2_000);
    force.unref();
    actor.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The parent died: never outlive it.
  process.on('disconnect', stop);
  // `{ memory: true }` from the driver: a full GC first when the process runs with
  // --expose-gc (a diagnostic: what the heap holds, apart from what V8 has not returned
  // yet), then process.memoryUsage().
  process.on('message', (msg: { memory?: boolean }) => {
    if (!msg?.memory) return;
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ memoryUsage: process.memoryUsage() });
  });
  if (process.send) process.send({ ready: actor.port, name });
  else console.log(`${name} listening on http://127.0.0.1:${actor.port}`);
}

/** `--key=value` arguments of this process. */
export function argValue(key: string): string | undefined {
  const prefix = `--${key}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}
