import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  FRAMEWORK,
  type Lockfile,
  packageOf,
  patchesTouching,
  productionLock,
  productionManifest,
  type RootManifest,
  withAllowScripts,
} from "../../scripts/build/production-package.js";

const rootManifest = JSON.parse(readFileSync("package.json", "utf8")) as RootManifest;
const rootLock = JSON.parse(readFileSync("package-lock.json", "utf8")) as Lockfile;

/** Where Node finds `name` from `from` in a lock (the same walk as the build, written again). */
function resolves(lock: Lockfile, from: string, name: string): boolean {
  const parts = from ? from.split("/node_modules/") : [];
  for (let depth = parts.length; depth >= 0; depth--) {
    const base = parts.slice(0, depth).join("/node_modules/");
    if (lock.packages[`${base ? `${base}/` : ""}node_modules/${name}`]) return true;
  }
  return false;
}

describe("packageOf", () => {
  it("names the package of an import and skips Node's built-ins", () => {
    expect(packageOf("zod")).toBe("zod");
    expect(packageOf("zod/v4/locales")).toBe("zod");
    expect(packageOf("@google-cloud/firestore")).toBe("@google-cloud/firestore");
    expect(packageOf("@google-cloud/firestore/build/src/v1")).toBe("@google-cloud/firestore");
    expect(packageOf("node:http")).toBeUndefined();
    expect(packageOf("zlib")).toBeUndefined();
    expect(() => packageOf("./store/firestore.js")).toThrow(/outside/);
  });
});

describe("the production package.json", () => {
  it("lists what the bundle imports and the framework, at the root lock's exact versions", () => {
    const manifest = productionManifest(rootManifest, rootLock, ["zod", "luxon"]);
    expect(manifest.dependencies).toEqual({
      [FRAMEWORK]: rootLock.packages[`node_modules/${FRAMEWORK}`]?.version,
      luxon: rootLock.packages["node_modules/luxon"]?.version,
      zod: rootLock.packages["node_modules/zod"]?.version,
    });
    expect(manifest).toMatchObject({ type: "module", main: "index.js", engines: { node: ">=22" } });
    expect(manifest).not.toHaveProperty("scripts");
    expect(manifest).not.toHaveProperty("devDependencies");
  });

  it("refuses a bundle that imports a devDependency or an undeclared package", () => {
    expect(() => productionManifest(rootManifest, rootLock, ["zod", "esbuild"])).toThrow(
      /imports esbuild, which is a devDependency/,
    );
    expect(() => productionManifest(rootManifest, rootLock, ["left-pad"])).toThrow(
      /imports left-pad, which is not a dependency/,
    );
  });
});

describe("the production package-lock.json", () => {
  const manifest = productionManifest(
    rootManifest,
    rootLock,
    Object.keys(rootManifest.dependencies ?? {}),
  );
  const lock = productionLock(rootLock, manifest);

  it("keeps the production tree of the root lock and nothing that only dev tools need", () => {
    for (const name of Object.keys(rootManifest.dependencies ?? {})) {
      expect(lock.packages[`node_modules/${name}`]?.version).toBe(
        rootLock.packages[`node_modules/${name}`]?.version,
      );
    }
    // With every production dependency imported, the tree is what npm itself marks non-dev.
    const nonDev = Object.entries(rootLock.packages).filter(([path, entry]) => path && !entry.dev);
    expect(Object.keys(lock.packages).filter(Boolean).sort()).toEqual(
      nonDev.map(([path]) => path).sort(),
    );
    expect(lock.packages["node_modules/patch-package"]).toBeUndefined();
    expect(lock.packages["node_modules/@firestore-emulator/server"]).toBeUndefined();
    for (const [path, entry] of Object.entries(lock.packages)) {
      expect(entry.dev, path).toBeUndefined();
      // "devOptional" in the root lock: a devDependency there, optional for production (e.g.
      // @types/luxon, an optional peer of ical-generator).
      const root = rootLock.packages[path];
      expect(entry.optional === true, path).toBe(
        root?.optional === true || root?.devOptional === true,
      );
      if (path) expect(entry.integrity ?? entry.link, path).toBeTruthy();
    }
    expect(lock.packages[""]).toEqual({
      name: manifest.name,
      version: manifest.version,
      dependencies: manifest.dependencies,
      engines: manifest.engines,
    });
  });

  it("resolves every required dependency of every package it keeps", () => {
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.dependencies ?? {})) {
        expect(resolves(lock, path, name), `${path || "root"} → ${name}`).toBe(true);
      }
    }
  });

  it("follows nested node_modules as Node does and marks what only optional edges reach", () => {
    const synthetic: Lockfile = {
      lockfileVersion: 3,
      packages: {
        "": { dependencies: { a: "1.0.0" }, devDependencies: { devtool: "1.0.0" } },
        "node_modules/a": {
          version: "1.0.0",
          dependencies: { b: "^2.0.0" },
          optionalDependencies: { native: "1.0.0", "other-os": "1.0.0" },
        },
        "node_modules/a/node_modules/b": { version: "2.0.0", dependencies: { c: "1" } },
        "node_modules/b": { version: "1.0.0", dev: true },
        "node_modules/c": { version: "1.0.0" },
        "node_modules/native": { version: "1.0.0", optional: true },
        "node_modules/devtool": { version: "1.0.0", dev: true, dependencies: { b: "1" } },
      },
    };
    const pruned = productionLock(synthetic, {
      name: "x",
      version: "1.0.0",
      private: true,
      description: "",
      type: "module",
      main: "index.js",
      engines: { node: ">=22" },
      dependencies: { a: "1.0.0" },
    });
    expect(Object.keys(pruned.packages).sort()).toEqual([
      "",
      "node_modules/a",
      "node_modules/a/node_modules/b",
      "node_modules/c",
      "node_modules/native",
    ]);
    expect(pruned.packages["node_modules/native"]?.optional).toBe(true);
    expect(pruned.packages["node_modules/c"]?.optional).toBeUndefined();
  });
});

describe("patches and install scripts", () => {
  const manifest = productionManifest(
    rootManifest,
    rootLock,
    Object.keys(rootManifest.dependencies ?? {}),
  );
  const lock = productionLock(rootLock, manifest);

  it("finds no patches/ file that changes a production package, and would name one", () => {
    expect(patchesTouching(readdirSync("patches"), lock)).toEqual([]);
    const firestore = `@google-cloud+firestore+${manifest.dependencies["@google-cloud/firestore"]}.patch`;
    expect(patchesTouching([firestore, "vitest+5.1.1.patch"], lock)).toEqual([firestore]);
  });

  it("carries the root's allowScripts for the packages installed here only", () => {
    const withScripts = withAllowScripts(manifest, rootManifest, lock);
    for (const name of Object.keys(withScripts.allowScripts ?? {})) {
      expect(lock.packages[`node_modules/${name}`], name).toBeDefined();
    }
    expect(withScripts.allowScripts).not.toHaveProperty("esbuild");
  });
});
