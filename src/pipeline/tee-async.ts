/**
 * @module pipeline/tee-async
 * Splits an async iterable in two: the primary consumer drives the source, the side
 * consumer (a usage tap) receives every item through an unbounded queue and never
 * slows the primary down. When the primary stops early, the side sees the end too.
 */
export function teeAsync<T>(source: AsyncIterable<T>): { primary: AsyncGenerator<T>; side: AsyncGenerator<T> } {
  const queue: T[] = [];
  let done = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  async function* primary(): AsyncGenerator<T> {
    try {
      for await (const item of source) {
        queue.push(item);
        notify();
        yield item;
      }
    } finally {
      done = true;
      notify();
    }
  }

  async function* side(): AsyncGenerator<T> {
    while (true) {
      if (queue.length > 0) {
        yield queue.shift()!;
        continue;
      }
      if (done) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  }

  return { primary: primary(), side: side() };
}
