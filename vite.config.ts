import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
  ],
  // better-sqlite3 and the argon2 binding are native: never bundle them
  ssr: { external: ["better-sqlite3", "@node-rs/argon2", "esbuild", "mdx-bundler"] },
  // The dev dependency scanner follows imports into *.server files; keep server-only
  // packages out of the browser pre-bundle (argon2's browser build cannot even resolve).
  // Listing what the scanner finds up front spares the first dev page load a re-optimise-and-reload.
  optimizeDeps: {
    exclude: ["@node-rs/argon2", "better-sqlite3", "mdx-bundler", "esbuild", "nodemailer"],
    include: [
      "react",
      "react-dom",
      "react-dom/client",
      "react/jsx-runtime",
      "@remix-run/react",
      "@conform-to/react",
      "@conform-to/zod/v4",
      "zod",
      "@oslojs/crypto/sha2",
      "@oslojs/encoding",
      "drizzle-orm",
      "drizzle-orm/sqlite-core",
      "lru-cache",
      "remark-gfm",
      "yaml",
      "@zxcvbn-ts/language-common",
      "@remix-run/node",
    ],
  },
  build: { target: "es2022" },
});
