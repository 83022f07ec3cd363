/**
 * What `npm run build:addon` bakes into Code.js (esbuild `define`, see scripts/addon/build-addon.ts):
 * the API address, which is also the manifest's only urlFetchWhitelist entry, and the OAuth client
 * ID that Google puts as `aud` in this script's identity tokens, which the API must accept
 * (POLINET_AUDIENCES). Both are fixed per pushed version: staff cannot change them.
 */
declare const POLINET_BAKED_API_URL: string;
declare const POLINET_BAKED_AUDIENCE: string;

/** https, ending with "/": the urlFetchWhitelist prefix every request URL must start with. */
export const BAKED_API_URL: string = POLINET_BAKED_API_URL;
export const BAKED_AUDIENCE: string = POLINET_BAKED_AUDIENCE;
