// Bundles the page into dist/: index.html, and assets/main.js with the AI SDK inside.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";

await mkdir("dist/assets", { recursive: true });
await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  format: "esm",
  target: "es2022",
  outfile: "dist/assets/main.js",
  logLevel: "warning",
});
await copyFile("src/index.html", "dist/index.html");
