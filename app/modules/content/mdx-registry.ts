import * as React from "react";
import * as ReactDOM from "react-dom";
import * as jsxRuntime from "react/jsx-runtime";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- MDX hands arbitrary props to the map's components
export type MdxComponentMap = Record<string, React.ComponentType<any>>;
export type MdxComponent = React.ComponentType<{ components?: MdxComponentMap }>;

/** What a compiled module's code is called with; the served /mdx/<hash>.js wraps it in this order. */
export const MDX_SCOPE = { React, ReactDOM, _jsx_runtime: jsxRuntime };
export type MdxModuleFactory = (react: typeof React, reactDom: typeof ReactDOM, jsx: typeof jsxRuntime) => { default: MdxComponent };

// Compiled modules by content hash. On the server, compile-mdx fills it; in the browser,
// loadMdx() fills it by importing /mdx/<hash>.js (a same-origin script, so the CSP needs no eval).
const registry = new Map<string, MdxComponent>();

export function registerMdx(hash: string, component: MdxComponent): void {
  registry.set(hash, component);
}

export function getMdx(hash: string): MdxComponent | undefined {
  return registry.get(hash);
}

export const mdxUrl = (hash: string) => `/mdx/${hash}.js`;

/** Browser only: fetches and registers a compiled module before it is rendered. */
export async function loadMdx(hash: string): Promise<void> {
  if (registry.has(hash)) return;
  const mod = (await import(/* @vite-ignore */ mdxUrl(hash))) as { default: MdxModuleFactory };
  registry.set(hash, mod.default(MDX_SCOPE.React, MDX_SCOPE.ReactDOM, MDX_SCOPE._jsx_runtime).default);
}
