// Server builds for tests that go through Remix itself (its error handling, status codes, single
// fetch): `testBuild()` is the app's real entry, root and a few routes; `serverBuild()` takes any
// routes (tests/helpers/http.ts's `call()` makes one for each request).
import type { ServerBuild } from "@remix-run/node";
import * as entry from "~/entry.server";
import * as root from "~/root";
import * as attempt from "~/routes/attempts.$attemptId";
import * as course from "~/routes/courses.$course._index";
import * as healthz from "~/routes/healthz";
import * as logbook from "~/routes/logbook";

export type RouteModule = ServerBuild["routes"][string]["module"];
type Entry = { id: string; path: string; index?: boolean; module: object };
const asRoute = (module: object) => module as RouteModule;
/** A route of a build: `parentId` nests it, as app/routes' file names do. */
export type BuildRoute = { id: string; path: string; index?: boolean; parentId?: string; module: RouteModule };

const children: Entry[] = [
  { id: "routes/courses.$course._index", path: "courses/:course", index: true, module: course },
  { id: "routes/attempts.$attemptId", path: "attempts/:attemptId", module: attempt },
  { id: "routes/logbook", path: "logbook", module: logbook },
  { id: "routes/healthz", path: "healthz", module: healthz },
];

export function testBuild(): ServerBuild {
  return serverBuild([{ id: "root", path: "", module: asRoute(root) }, ...children.map((c) => ({ ...c, module: asRoute(c.module), parentId: "root" }))]);
}

/** A production build of these routes behind this entry (the app's own unless told). */
export function serverBuild(all: BuildRoute[], entryModule: ServerBuild["entry"]["module"] = entry): ServerBuild {
  return {
    mode: "production",
    entry: { module: entryModule },
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
