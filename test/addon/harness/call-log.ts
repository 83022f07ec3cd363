/**
 * Counts the calls the add-on makes on the fake Sheets objects. The add-on only ever gets
 * tracking proxies; the tests use the raw fakes, so their own reads and writes are not counted.
 */
export class CallLog {
  private readonly counts = new Map<string, number>();
  /** One proxy per fake, so that identity holds (`sheet === sheet`) on the add-on's side. */
  readonly proxies = new WeakMap<object, unknown>();

  add(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** Calls by method, e.g. `Range.getValues: 2`. */
  byMethod(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }
}

/** Fakes that are counted when the add-on touches them. */
export abstract class Tracked {
  abstract readonly kind: string;
}

/**
 * A proxy counting every method call as `Kind.method`; results that are fakes (or arrays of
 * fakes) come back tracked too, and a method returning its own object returns the proxy, so
 * chained calls (`range.setFontWeight(…).setWrap(…)`) are all counted.
 */
export function track<T extends Tracked>(target: T, log: CallLog): T {
  const known = log.proxies.get(target);
  if (known) return known as T;
  const proxy: T = new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== "function" || typeof property !== "string") return value;
      return (...args: unknown[]) => {
        log.add(`${object.kind}.${property}`);
        const result = value.apply(object, args);
        if (result === object) return proxy;
        if (result instanceof Tracked) return track(result, log);
        if (
          Array.isArray(result) &&
          result.length > 0 &&
          result.every((r) => r instanceof Tracked)
        ) {
          return result.map((r: Tracked) => track(r, log));
        }
        return result;
      };
    },
  });
  log.proxies.set(target, proxy);
  return proxy;
}
