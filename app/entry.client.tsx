import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadMdx } from "~/modules/content/mdx-registry";

// Compiled course modules are separate scripts; fetch the ones on this page before hydrating
// so the first client render matches the server's HTML.
const hashes = [...document.querySelectorAll<HTMLElement>("[data-mdx-hash]")].map((el) => el.dataset.mdxHash ?? "");

Promise.all(hashes.filter(Boolean).map(loadMdx))
  .catch((error: unknown) => console.error("Could not load course content", error))
  .finally(() => {
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    });
  });
