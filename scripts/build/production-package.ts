/**
 * The package.json and package-lock.json of the deployable folder, derived from what the bundle
 * imports and from the root lockfile, with no registry access.
 *
 * The lock is the root lock cut down to the packages the production dependencies reach (by Node's
 * resolution through the nested `node_modules` paths the root lock records), so Cloud Build's
 * `npm ci` installs exactly the versions the tests ran against, transitive ones included.
 */
import { isBuiltin } from "node:module";

export const FRAMEWORK = "@google-cloud/functions-framework";

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  peer?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}

export interface Lockfile {
  name?: string;
  version?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

export interface RootManifest {
  name: string;
  version: string;
  description?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
}

export interface ProductionManifest {
  name: string;
  version: string;
  private: true;
  description: string;
  type: "module";
  main: "index.js";
  engines: { node: string };
  dependencies: Record<string, string>;
  /** npm's install-script policy, the root's for the packages installed here. */
  allowScripts?: Record<string, boolean>;
}

/** "@scope/name/sub/path" → "@scope/name", "name/sub" → "name"; undefined for Node built-ins. */
export function packageOf(specifier: string): string | undefined {
  if (isBuiltin(specifier)) return undefined;
  if (specifier.startsWith(".") || specifier.startsWith("/")) {
    throw new Error(`The bundle imports a file outside it: ${specifier}`);
  }
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * The production package.json: every package the bundle imports (statically or dynamically),
 * plus the Functions Framework, whose CLI is what Cloud Run starts. Each must be a production
 * dependency of the root package: a devDependency or an undeclared package fails the build.
 */
export function productionManifest(
  root: RootManifest,
  lock: Lockfile,
  imported: Iterable<string>,
): ProductionManifest {
  const names = new Set([...imported, FRAMEWORK]);
  const dependencies: Record<string, string> = {};
  for (const name of [...names].sort()) {
    if (!root.dependencies?.[name]) {
      const where = root.devDependencies?.[name] ? "a devDependency" : "not a dependency";
      throw new Error(`The production bundle imports ${name}, which is ${where} in package.json.`);
    }
    const version = lock.packages[`node_modules/${name}`]?.version;
    if (!version) throw new Error(`${name} is not in package-lock.json: run npm install.`);
    dependencies[name] = version;
  }
  return {
    name: `${root.name}-functions`,
    version: root.version,
    private: true,
    description: `${root.name} Cloud Run functions (api, monthlyRecompute), built by npm run build.`,
    type: "module",
    main: "index.js",
    engines: { node: ">=22" },
    dependencies,
  };
}

/** Where Node finds `name` from the package installed at `from` ("" is the project root). */
function resolveIn(lock: Lockfile, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut < 0 ? "" : base.slice(0, cut);
  }
}

interface Edge {
  name: string;
  optional: boolean;
}

function edgesOf(entry: LockEntry): Edge[] {
  const peerMeta = entry.peerDependenciesMeta ?? {};
  return [
    ...Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false })),
    ...Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
    ...Object.keys(entry.peerDependencies ?? {}).map((name) => ({
      name,
      optional: peerMeta[name]?.optional === true,
    })),
  ];
}

/**
 * The root lock restricted to what `manifest`'s dependencies reach. A package left out of the
 * root install (another platform's optional binary) stays out. `optional` is recomputed for the
 * smaller tree; `dev` flags cannot survive (nothing kept is reached through a devDependency).
 */
export function productionLock(lock: Lockfile, manifest: ProductionManifest): Lockfile {
  if (lock.lockfileVersion < 2) throw new Error("package-lock.json must be lockfileVersion 2+.");
  const required = new Set<string>();
  const reached = new Set<string>();
  const visit = (from: string, edges: Edge[], viaOptional: boolean) => {
    for (const edge of edges) {
      const path = resolveIn(lock, from, edge.name);
      if (!path) {
        if (edge.optional) continue;
        throw new Error(`package-lock.json has no ${edge.name} for ${from || "the root"}.`);
      }
      const optional = viaOptional || edge.optional;
      const seen = optional ? reached.has(path) : required.has(path);
      if (seen) continue;
      reached.add(path);
      if (!optional) required.add(path);
      const entry = lock.packages[path] as LockEntry;
      const target = entry.link && typeof entry.resolved === "string" ? entry.resolved : path;
      visit(target, edgesOf(entry), optional);
    }
  };
  const rootEdges = Object.keys(manifest.dependencies).map((name) => ({ name, optional: false }));
  visit("", rootEdges, false);

  const packages: Record<string, LockEntry> = {
    "": {
      name: manifest.name,
      version: manifest.version,
      dependencies: manifest.dependencies,
      engines: manifest.engines,
    },
  };
  for (const path of [...reached].sort()) {
    const { dev, devOptional, optional, ...entry } = lock.packages[path] as LockEntry;
    if (dev) throw new Error(`${path} is reached from production but marked dev in the root lock.`);
    packages[path] = required.has(path) ? entry : { ...entry, optional: true };
  }
  return {
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: lock.lockfileVersion,
    requires: true,
    packages,
  };
}

/**
 * The root's `allowScripts` (npm 11: which dependencies may run install scripts) for the packages
 * the lock installs, so `npm ci` here runs the same scripts as the root install (none today).
 */
export function withAllowScripts(
  manifest: ProductionManifest,
  root: RootManifest,
  lock: Lockfile,
): ProductionManifest {
  const installed = installedNames(lock);
  const entries = Object.entries(root.allowScripts ?? {}).filter(([name]) => installed.has(name));
  return entries.length > 0 ? { ...manifest, allowScripts: Object.fromEntries(entries) } : manifest;
}

function installedNames(lock: Lockfile): Set<string> {
  const prefix = "node_modules/";
  return new Set(
    Object.keys(lock.packages)
      .filter(Boolean)
      .map((path) => path.slice(path.lastIndexOf(prefix) + prefix.length)),
  );
}

/** The patch files in patches/ that change a package the production install contains. */
export function patchesTouching(patchFiles: string[], lock: Lockfile): string[] {
  const installed = installedNames(lock);
  // patch-package names files "<name with + for />+<version>.patch" ("@scope+name+1.2.3.patch").
  return patchFiles.filter((file) => {
    const name = file.replace(/\+[^+]+\.patch$/, "").replace(/\+/g, "/");
    return installed.has(name);
  });
}
