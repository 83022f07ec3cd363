/**
 * `npm run build`: bundles the production entry point into `dist/functions/index.js` (ESM, Node 24)
 * with esbuild. Dependencies stay external: Cloud Run functions install them from package.json.
 */
import { build } from "esbuild";

const result = await build({
  entryPoints: ["functions/src/index.ts"],
  outfile: "dist/functions/index.js",
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  packages: "external",
  sourcemap: true,
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`Built dist/functions/index.js (${(bytes / 1024).toFixed(1)} KiB with source map).`);
