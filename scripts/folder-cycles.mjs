// Import cycles between lib's folders (npm run deps). dependency-cruiser's own
// folder scope puts lib's top-level files into one folder "lib" and does not see
// their imports of lib's subfolders, so a loop through lib/env.ts would pass;
// here every lib/<folder> and every lib/<file>.ts is a node of its own.
// Reads `depcruise --output-type json` on stdin; exits 1 when there is a cycle.
import { pathToFileURL } from "node:url";

/** The node a module belongs to: "lib/plans" for lib/plans/x.ts, "lib/env.ts" for itself; null outside lib. */
export function folderOf(source) {
  const match = /^lib\/[^/]+/.exec(source);
  return match ? match[0] : null;
}

/** Folder → folder → one file-level import that makes the edge (for the message). */
export function folderGraph(modules) {
  const graph = new Map();
  for (const mod of modules) {
    const from = folderOf(mod.source);
    if (!from) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    for (const dependency of mod.dependencies ?? []) {
      const to = folderOf(dependency.resolved);
      if (!to || to === from || graph.get(from).has(to)) continue;
      graph.get(from).set(to, `${mod.source} → ${dependency.resolved}`);
    }
  }
  return graph;
}

/** The strongly connected components with more than one folder (Tarjan), each sorted, sorted by first name. */
export function folderCycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  let next = 0;
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node), index.get(to)));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) components.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/** One paragraph per cycle: its folders, then each import that joins two of them. */
export function describeCycles(graph, cycles) {
  return cycles.map((cycle) => {
    const members = new Set(cycle);
    const edges = cycle.flatMap((from) =>
      [...(graph.get(from) ?? new Map())].filter(([to]) => members.has(to)).map(([to, via]) => `    ${from} → ${to}  (${via})`),
    );
    return [`  cycle between ${cycle.join(", ")}:`, ...edges].join("\n");
  });
}

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const graph = folderGraph(JSON.parse(input).modules);
  const cycles = folderCycles(graph);
  if (cycles.length === 0) {
    console.log(`no cycles between lib's ${graph.size} folders and top-level files`);
    return;
  }
  console.error(
    `error no-folder-cycles: ${cycles.length} import cycle(s) between lib's folders\n${describeCycles(graph, cycles).join("\n")}`,
  );
  process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
