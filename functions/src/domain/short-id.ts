import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * A short, stable identifier of a text: the first 12 hex digits (48 bits) of its SHA-256. Used
 * where a key must stay the same whenever the same thing is named again (a warning on a new
 * revision of its month, a procedure code in a summary shard) and must stay short because many
 * are kept together. 48 bits make a collision among a municipality's thousand codes about one in
 * half a billion. Pure JS (@noble/hashes), so the domain stays free of Node's modules.
 */
export function shortId(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 12);
}
