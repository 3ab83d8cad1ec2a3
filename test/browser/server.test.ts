// The static server the browser tests rely on: clean URLs, MIME types, no escaping dist/.
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startServer, type Server } from "./server.ts";

describe("static server", () => {
  const root = mkdtempSync(join(tmpdir(), "glimpse-site-"));
  let server: Server;
  before(async () => {
    writeFileSync(join(root, "index.html"), "home");
    writeFileSync(join(root, "bottleneck.html"), "bottleneck");
    mkdirSync(join(root, "_node"));
    writeFileSync(join(root, "_node", "a.wasm"), "\0asm");
    writeFileSync(join(root, "_node", "f.woff2"), "font");
    server = await startServer(root);
  });
  after(() => server.close());

  const get = (path: string) => fetch(server.url + path);

  it("serves / as index.html and /bottleneck as bottleneck.html", async () => {
    assert.equal(await (await get("/")).text(), "home");
    const page = await get("/bottleneck");
    assert.equal(await page.text(), "bottleneck");
    assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
  });

  it("serves wasm and fonts with their MIME types", async () => {
    assert.equal((await get("/_node/a.wasm")).headers.get("content-type"), "application/wasm");
    assert.equal((await get("/_node/f.woff2")).headers.get("content-type"), "font/woff2");
  });

  it("answers 404 for missing files and paths outside the root", async () => {
    assert.equal((await get("/missing")).status, 404);
    assert.equal((await get("/..%2f..%2fetc%2fpasswd")).status, 404);
  });
});
