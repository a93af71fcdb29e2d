/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import "@remix-run/node";

// Single fetch serializes Dates and Maps; this tells the route types so.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
