// npm run deps: the layers point one way (README, Architecture). lib is below
// app and components; lib/demo (the demo seed, the factories, the synthetic
// province) is above the domains, so only scripts and tests start it. Cycles
// between lib's folders are checked by scripts/folder-cycles.mjs (npm run deps
// runs both): dependency-cruiser's folder scope would count lib's top-level
// files as one folder "lib" and miss their imports of lib's subfolders.
/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "lib-not-to-app",
      severity: "error",
      comment: "lib is the floor: it never imports routes or UI",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    { name: "components-not-to-app", severity: "error", from: { path: "^components/" }, to: { path: "^app/" } },
    {
      name: "domain-not-to-demo",
      severity: "error",
      comment: "lib/demo sits above the domains; scripts/start.ts, scripts/cli.ts and the tests start it",
      from: { path: "^(lib|app|components)/", pathNot: "^lib/demo/" },
      to: { path: "^lib/demo/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^lib/generated/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
  },
};
