/**
 * `npm run build`: the deployable source folder of the Cloud Run functions, `dist/functions/`
 * (`gcloud functions deploy … --source=dist/functions`):
 *   index.js (+ .map)   functions/src bundled by esbuild (ESM, Node 22+); npm packages external
 *   package.json        only the production packages the bundle imports, exact versions, no scripts
 *   package-lock.json   the root lock cut down to those packages, so Cloud Build's `npm ci`
 *                       installs what the tests ran against; made offline
 *   .gcloudignore       keeps a local node_modules/ out of the upload
 * It fails when the bundle imports a devDependency or a package that a patches/ file changes:
 * production runs whatever a plain `npm ci` of the registry's tarballs gives.
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LAZY_PACKAGES } from "../functions/src/store/firestore.js";
import { bundleFunctions } from "./build/bundle-functions.js";
import {
  type Lockfile,
  patchesTouching,
  productionLock,
  productionManifest,
  type RootManifest,
  withAllowScripts,
} from "./build/production-package.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT_DIR = join(ROOT, "dist/functions");

// Source maps go up too: NODE_OPTIONS=--enable-source-maps then gives stacks in functions/src.
const GCLOUDIGNORE = `# Cloud Build installs the dependencies from package-lock.json (npm ci).
.gcloudignore
node_modules/
`;

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(ROOT, file), "utf8")) as T;
}

function writeJson(file: string, value: unknown) {
  writeFileSync(join(OUT_DIR, file), `${JSON.stringify(value, null, 2)}\n`);
}

rmSync(OUT_DIR, { recursive: true, force: true });
mkdirSync(OUT_DIR, { recursive: true });
const bundle = await bundleFunctions(ROOT, OUT_DIR);
const rootManifest = readJson<RootManifest>("package.json");
const rootLock = readJson<Lockfile>("package-lock.json");
// Packages the functions load with require() at run time (store/firestore.ts) are invisible to
// esbuild's metafile: name them too.
const dependencies = productionManifest(rootManifest, rootLock, [
  ...bundle.packages,
  ...LAZY_PACKAGES,
]);
const lock = productionLock(rootLock, dependencies);
const manifest = withAllowScripts(dependencies, rootManifest, lock);
const patchDir = join(ROOT, "patches");
const patched = patchesTouching(existsSync(patchDir) ? readdirSync(patchDir) : [], lock);
if (patched.length > 0) {
  throw new Error(
    `patches/ changes packages the production install contains (${patched.join(", ")}): Cloud Build does not apply them.`,
  );
}
writeJson("package.json", manifest);
writeJson("package-lock.json", lock);
writeFileSync(join(OUT_DIR, ".gcloudignore"), GCLOUDIGNORE);

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(
  `Built ${relative(ROOT, OUT_DIR)}/: index.js ${kib(bundle.bytes)} (map ${kib(bundle.mapBytes)}), ` +
    `${Object.keys(manifest.dependencies).length} dependencies (${Object.keys(lock.packages).length - 1} packages locked): ` +
    Object.entries(manifest.dependencies)
      .map(([name, version]) => `${name}@${version}`)
      .join(", "),
);
