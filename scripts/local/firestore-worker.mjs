// Worker thread entry of the embedded Firestore (scripts/local-firestore.ts starts it). Plain
// JavaScript so that it loads whatever the parent runs under (tsx, vitest): it registers tsx for
// this thread, then runs the TypeScript side.
import { register } from "tsx/esm/api";

register();
await import("./firestore-worker-main.ts");
