/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import "@remix-run/node";

// Single fetch serializes Dates and Maps; this tells the route types so.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  /** What server.ts hands every loader and action besides the request. */
  interface AppLoadContext {
    /** This response's Content-Security-Policy nonce, for the scripts Remix renders inline. */
    cspNonce?: string;
  }
}
