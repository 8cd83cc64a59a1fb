import { LRUCache } from "lru-cache";
import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";
import { MDX_SCOPE, registerMdx, type MdxComponent } from "./mdx-registry";

export type CompiledMdx = { hash: string; code: string };

// One compile per content hash; the promise is cached so concurrent first requests share it.
const cache = new LRUCache<string, Promise<CompiledMdx>>({ max: 500 });

/** Compiles an MDX body with mdx-bundler (cached by hash) and registers it for server rendering. */
export function compileMdx(input: { hash: string; body: string; dir: string }): Promise<CompiledMdx> {
  let compiled = cache.get(input.hash);
  if (!compiled) {
    compiled = bundleMDX({
      source: input.body,
      cwd: input.dir,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm];
        return options;
      },
    }).then(({ code }) => {
      registerMdx(input.hash, evaluate(code));
      return { hash: input.hash, code };
    });
    compiled.catch(() => cache.delete(input.hash));
    cache.set(input.hash, compiled);
  }
  return compiled;
}

/** Server-side evaluation of compiled code (no CSP on the server). */
function evaluate(code: string): MdxComponent {
  const fn = new Function(...Object.keys(MDX_SCOPE), code) as (...args: unknown[]) => { default: MdxComponent };
  return fn(...Object.values(MDX_SCOPE)).default;
}

/** The ES module the browser imports: the compiled body as a factory taking React, ReactDOM and the JSX runtime. */
export function toBrowserModule(compiled: CompiledMdx): string {
  return `export default function (${Object.keys(MDX_SCOPE).join(", ")}) {\n${compiled.code}\n}\n`;
}
