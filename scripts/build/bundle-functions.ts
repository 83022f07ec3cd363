/**
 * esbuild bundles our code (functions/src) into one ESM file; every npm package stays an import
 * that Cloud Build's `npm ci` satisfies (see README, "The production build", for why not bundled).
 */
import { build } from "esbuild";
import { packageOf } from "./production-package.js";

export interface FunctionsBundle {
  /** index.js, without its source map. */
  bytes: number;
  mapBytes: number;
  /** npm packages the bundle imports, statically or with import() (which stays lazy). */
  packages: string[];
}

export async function bundleFunctions(root: string, outDir: string): Promise<FunctionsBundle> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["functions/src/index.ts"],
    outfile: `${outDir}/index.js`,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    packages: "external",
    sourcemap: true,
    metafile: true,
    logLevel: "warning",
  });
  const packages = new Set<string>();
  let bytes = 0;
  let mapBytes = 0;
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith(".map")) mapBytes += output.bytes;
    else bytes += output.bytes;
    for (const imported of output.imports) {
      const name = imported.external ? packageOf(imported.path) : undefined;
      if (name) packages.add(name);
    }
  }
  return { bytes, mapBytes, packages: [...packages].sort() };
}
