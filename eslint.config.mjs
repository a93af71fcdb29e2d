// ESLint: the layering of app/ (README "Layout"). Imports point one way — domain ← models ← routes and
// components — so that the rules stay testable without I/O and the browser bundle never pulls in server
// code. Type-only imports are allowed: they vanish at compile time and describe data, not behaviour.
// Formatting is prettier's; type errors are tsc's.
import tseslint from "typescript-eslint";

const restrict = (...groups) => ({
  "@typescript-eslint/no-restricted-imports": [
    "error",
    { patterns: groups.map(([group, message]) => ({ group, message, allowTypeImports: true })) },
  ],
});

const server = [
  ["~/*.server", "~/**/*.server", "./*.server", "../*.server"],
  "server code (database, Redis, files) stays out of this layer",
];
const models = [["~/models/*"], "models sit above this layer: pass their results in instead"];
const upper = [["~/routes/*", "~/components/*", "~/forms/*"], "routes, components and forms sit above this layer"];
const io = [
  [
    "@prisma/*",
    "~/generated/*",
    "ioredis",
    "bullmq",
    "pg",
    "better-sqlite3",
    "node:fs",
    "node:fs/*",
    "fs",
    "node:child_process",
    "@remix-run/*",
    "react",
    "react-dom",
  ],
  "the domain is plain TypeScript without I/O or a framework",
];

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "app/generated/**", "node_modules/**", "tests/.tmp/**", ".cache/**"] },
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parser: tseslint.parser },
    plugins: { "@typescript-eslint": tseslint.plugin },
  },
  {
    files: ["app/domain/**/*.ts"],
    ignores: ["app/domain/**/*.test.ts"],
    rules: restrict(
      server,
      models,
      upper,
      [["~/i18n", "~/i18n/*", "~/utils/*"], "the domain names things in code; wording belongs above it"],
      io,
    ),
  },
  {
    files: ["app/models/**/*.ts"],
    rules: restrict(upper, [["@remix-run/*"], "models know nothing of HTTP: routes turn their results into responses"]),
  },
  {
    files: ["app/forms/**/*.ts"],
    rules: restrict(server, models, [["~/routes/*", "~/components/*"], "forms sit below routes and components"]),
  },
  {
    files: ["app/components/**/*.tsx", "app/components/**/*.ts"],
    rules: restrict(server, [["~/routes/*"], "components do not import routes"]),
  },
);
