// A server build made of the app's real entry, root and a few routes, for tests that go through
// Remix itself (its error handling, status codes, single fetch) rather than calling a loader.
import type { ServerBuild } from "@remix-run/node";
import * as entry from "~/entry.server";
import * as root from "~/root";
import * as attempt from "~/routes/attempts.$attemptId";
import * as course from "~/routes/courses.$course._index";
import * as healthz from "~/routes/healthz";
import * as logbook from "~/routes/logbook";

type RouteModule = ServerBuild["routes"][string]["module"];
type Entry = { id: string; path: string; index?: boolean; module: object };
const asRoute = (module: object) => module as RouteModule;

const children: Entry[] = [
  { id: "routes/courses.$course._index", path: "courses/:course", index: true, module: course },
  { id: "routes/attempts.$attemptId", path: "attempts/:attemptId", module: attempt },
  { id: "routes/logbook", path: "logbook", module: logbook },
  { id: "routes/healthz", path: "healthz", module: healthz },
];

export function testBuild(): ServerBuild {
  const all = [{ id: "root", path: "", module: asRoute(root) }, ...children.map((c) => ({ ...c, module: asRoute(c.module), parentId: "root" }))];
  return {
    mode: "production",
    entry: { module: entry },
    routes: Object.fromEntries(all.map((r) => [r.id, { ...r, children: [] }])) as unknown as ServerBuild["routes"],
    assets: {
      entry: { module: "/assets/entry.client.js", imports: [] },
      url: "/assets/manifest.js",
      version: "test",
      routes: Object.fromEntries(
        all.map((r) => [
          r.id,
          {
            ...r,
            module: `/assets/${r.id}.js`,
            hasLoader: "loader" in r.module,
            hasAction: "action" in r.module,
            hasClientLoader: false,
            hasClientAction: false,
            hasErrorBoundary: "ErrorBoundary" in r.module,
            imports: [],
          },
        ]),
      ),
    },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: true,
      v3_routeConfig: true,
    } as ServerBuild["future"],
    isSpaMode: false,
  } as ServerBuild;
}
