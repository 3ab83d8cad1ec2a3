/**
 * Serves the built site (dist/) for a classroom, offline: clean URLs (/cost → cost.html, which
 * the site's links need and `python3 -m http.server` lacks) and .wasm as application/wasm.
 *   npm run build && node --import tsx scripts/serve-dist.ts [--port 8000] [--host 0.0.0.0]
 * --host 0.0.0.0 lets students on the same network open http://<this laptop's address>:8000.
 */
import { createReadStream } from "node:fs";
import { createServer } from "node:http";
import { extname } from "node:path";
import { parseArgs } from "node:util";
import { MIME_TYPES, resolveFile } from "../test/browser/server.ts";

const { values: args } = parseArgs({
  options: { port: { type: "string" }, host: { type: "string" }, dir: { type: "string" } },
});
const root = args.dir ?? new URL("../dist/", import.meta.url).pathname;
const port = Number(args.port ?? 8000);
const host = args.host ?? "127.0.0.1";

createServer(async (request, response) => {
  const file = await resolveFile(root, request.url ?? "/");
  if (!file) {
    response.writeHead(404, { "content-type": MIME_TYPES[".txt"] });
    response.end("Not found. Did you run npm run build?");
    return;
  }
  response.writeHead(200, { "content-type": MIME_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream" });
  createReadStream(file).pipe(response);
}).listen(port, host, () =>
  console.log(`Glimpse at http://${host === "0.0.0.0" ? "localhost" : host}:${port}/ (Ctrl+C to stop)`),
);
