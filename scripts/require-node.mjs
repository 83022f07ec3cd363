// Fails fast, in one line, on a Node.js older than the project needs (see package.json "engines").
//   node scripts/require-node.mjs              only the check (`… && vitest run`)
//   node scripts/require-node.mjs script.ts    the check, then runs the TypeScript script in this
//                                              same process (`npm start`): no shell or tsx process
//                                              between npm and the server, so signals reach it.
// Plain JavaScript that any Node.js parses (no top-level await, no --import flag, which Node
// before 18.19 refuses with a cryptic "bad option"), so the message shows wherever it matters.
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(
    `POLI-NET needs Node.js 22 or newer (found ${process.version}); see .nvmrc and README.md.`,
  );
  process.exit(1);
}

const script = process.argv[2];
if (script) {
  // The same hooks as `node --import tsx`, then the script as the program.
  import("node:url")
    .then(async ({ pathToFileURL }) => {
      await import("tsx");
      process.argv.splice(1, 1);
      await import(pathToFileURL(script).href);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
