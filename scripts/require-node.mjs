// Fails fast, in one line, on a Node.js older than the project needs (see package.json "engines").
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(
    `POLI-NET needs Node.js 22 or newer (found ${process.version}); see .nvmrc and README.md.`,
  );
  process.exit(1);
}
