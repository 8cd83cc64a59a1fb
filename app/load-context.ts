import "@remix-run/node";
import type { Db } from "~/db/client.server";

declare module "@remix-run/node" {
  /** What server/index.js hands every loader and action (tests build their own). */
  interface AppLoadContext {
    /** The database handle routes pass to modules; routes never query it themselves. */
    db: Db;
    cspNonce: string;
    clientIp: string;
  }
}
