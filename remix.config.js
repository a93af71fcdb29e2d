/** @type {import('@remix-run/dev').AppConfig} */
module.exports = {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "cjs",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off: with lazy discovery, a fetcher loading a resource route not yet discovered while a form
    // submission navigates ended in a 404 boundary (seen in the intake form). The whole manifest of
    // this small app is sent up front instead.
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: true,
  },
};
