import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** Dependencies point one way: app -> components -> hooks -> lib (STYLE.md, Frontend). */
const layer = (files, forbidden) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: forbidden.map((dir) => ({
          group: [`@/${dir}`, `@/${dir}/*`, `**/${dir}/*`],
          message: `Imports point app -> components -> hooks -> lib; this file may not import from ${dir}/.`,
        })),
      },
    ],
  },
});

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  layer(["lib/**/*.{ts,tsx}"], ["hooks", "components", "app"]),
  layer(["hooks/**/*.{ts,tsx}"], ["components", "app"]),
  layer(["components/**/*.{ts,tsx}"], ["app"]),
  {
    rules: {
      "react/no-danger": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "max-lines": ["error", { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts", "node_modules/**"]),
]);
