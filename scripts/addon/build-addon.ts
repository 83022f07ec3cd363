/**
 * `npm run build:addon`: bundles the Google Sheets add-on (apps-script/src, TypeScript) into one
 * `dist/apps-script/Code.js` that clasp pushes as it is (clasp 3 no longer compiles TypeScript),
 * next to the manifest and the HTML files.
 *
 * Apps Script only sees plain top-level functions: the bundle is an IIFE assigned to `PoliNet`,
 * and a generated footer declares one top-level function per export of `apps-script/src/main.ts`
 * (onOpen, onInstall, menu items, google.script.run handlers), so the list cannot drift.
 *
 * Two values are baked in (esbuild `define`, read by apps-script/src/baked-settings.ts):
 * - POLINET_API_URL (https; "/" is added at the end): the server the add-on calls and the
 *   manifest's only urlFetchWhitelist entry, so the add-on can call nothing else;
 * - POLINET_AUDIENCE: the OAuth client ID of the Cloud project the script is linked to, which
 *   Google puts as `aud` in ScriptApp.getIdentityToken(); shown in the settings sidebar and in
 *   the 401 message, and it must be in the API's POLINET_AUDIENCES.
 * Without them placeholders are used, fine for tests; `npm run push:addon` refuses them.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type BuildOptions, build, type Plugin } from "esbuild";

export const PLACEHOLDER_API_URL = "https://polinet-api.example.invalid/";
export const PLACEHOLDER_AUDIENCE = "REPLACE_WITH_THE_OAUTH_CLIENT_ID.apps.googleusercontent.com";
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const GLOBAL_NAME = "PoliNet";

export interface AddonBuildOptions {
  /** Defaults to dist/apps-script (what .clasp.json pushes); tests build elsewhere. */
  outDir?: string;
  apiUrl?: string;
  audience?: string;
}

export interface AddonBuild {
  outDir: string;
  codeFile: string;
  /** The top-level functions the footer declares. */
  entryPoints: string[];
  bytes: number;
  /** The baked server address (also the manifest's urlFetchWhitelist) and OAuth client ID. */
  apiUrl: string;
  audience: string;
}

export async function buildAddon(options: AddonBuildOptions = {}): Promise<AddonBuild> {
  const outDir = resolve(options.outDir ?? join(ROOT, "dist/apps-script"));
  const apiUrl = normaliseApiUrl(
    options.apiUrl ?? process.env.POLINET_API_URL ?? PLACEHOLDER_API_URL,
  );
  const audience = checkAudience(
    options.audience ?? process.env.POLINET_AUDIENCE ?? PLACEHOLDER_AUDIENCE,
  );
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const codeFile = join(outDir, "Code.js");
  const shared = {
    entryPoints: [join(ROOT, "apps-script/src/main.ts")],
    bundle: true,
    platform: "neutral",
    mainFields: ["module", "main"],
    // Apps Script's V8 runs modern JavaScript, but not every newest syntax: stay conservative.
    target: "es2019",
    charset: "utf8",
    legalComments: "none",
    define: {
      POLINET_BAKED_API_URL: JSON.stringify(apiUrl),
      POLINET_BAKED_AUDIENCE: JSON.stringify(audience),
    },
    plugins: [onlyUsedZodLocales],
    metafile: true,
    write: false,
  } satisfies BuildOptions;
  // The IIFE's metafile lists no exports: an ESM pass names the entry points for the footer.
  const esm = await build({ ...shared, format: "esm" });
  const entryPoints = [...(Object.values(esm.metafile.outputs)[0]?.exports ?? [])].sort();
  const result = await build({
    ...shared,
    format: "iife",
    globalName: GLOBAL_NAME,
    outfile: codeFile,
  });
  const output = result.outputFiles[0];
  if (!output || entryPoints.length === 0)
    throw new Error("esbuild produced no add-on entry points");
  const footer = entryPoints
    .map((name) => `function ${name}() { return ${GLOBAL_NAME}.${name}.apply(this, arguments); }`)
    .join("\n");
  const code = `${output.text}\n// Top-level functions Apps Script calls (menu items, triggers, google.script.run).\n${footer}\n`;
  writeFileSync(codeFile, code);
  writeManifest(outDir, apiUrl);
  for (const file of readdirSync(join(ROOT, "apps-script/src"))) {
    if (file.endsWith(".html"))
      copyFileSync(join(ROOT, "apps-script/src", file), join(outDir, file));
  }
  return { outDir, codeFile, entryPoints, bytes: Buffer.byteLength(code), apiUrl, audience };
}

/**
 * The domain validation asks zod for its Italian messages through `z.locales.it()`, which would
 * bundle every language zod ships (~370 KiB). Only the locales listed here are kept.
 */
const ZOD_LOCALES = ["it"];
const onlyUsedZodLocales: Plugin = {
  name: "only-used-zod-locales",
  setup(build) {
    build.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${join("node_modules", "zod")}`)
        ? { path: resolve(dirname(args.importer), args.path), namespace: "zod-locales" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: ZOD_LOCALES.map((l) => `export { default as ${l} } from "./${l}.js";`).join("\n"),
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * The whitelist prefix Apps Script requires: https, a full host, a non-empty path (so "/" at the
 * end); scheme and host in lower case, as the add-on compares them. No query, fragment or user.
 */
export function normaliseApiUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(`POLINET_API_URL is not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== "https:") {
    throw new Error(
      `POLINET_API_URL must be an https URL (Apps Script's urlFetchWhitelist takes https only): ${text}`,
    );
  }
  if (url.search || url.hash || url.username || url.password || !url.hostname.includes(".")) {
    throw new Error(
      `POLINET_API_URL must be the API's https address with a full host name and no query, fragment or credentials: ${text}`,
    );
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** Printable ASCII without spaces or quotes: it is shown to staff and written into Code.js. */
export function checkAudience(text: string): string {
  const audience = text.trim();
  if (!/^[\x21-\x7e]+$/.test(audience) || /["'\\]/.test(audience)) {
    throw new Error(`POLINET_AUDIENCE is not an OAuth client ID: ${JSON.stringify(text)}`);
  }
  return audience;
}

function writeManifest(outDir: string, apiUrl: string) {
  const manifest = JSON.parse(readFileSync(join(ROOT, "apps-script/appsscript.json"), "utf8"));
  manifest.urlFetchWhitelist = [apiUrl];
  writeFileSync(join(outDir, "appsscript.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildAddon().catch((error: Error) => {
    // A bad POLINET_API_URL or POLINET_AUDIENCE: the sentence says which, a stack would not help.
    console.error(error.message);
    process.exit(1);
  });
  console.log(
    `Built ${built.codeFile} (${(built.bytes / 1024).toFixed(1)} KiB), top-level functions: ${built.entryPoints.join(", ")}.`,
  );
  console.log(`Server: ${built.apiUrl} (urlFetchWhitelist); OAuth client ID: ${built.audience}.`);
}
