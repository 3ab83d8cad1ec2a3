// The parts of untyped packages that the build scripts and their tests use.

// jsdom, for the build's prerender (scripts/prerender-dom.ts).
declare module "jsdom" {
  export class JSDOM {
    constructor(html: string, options?: { url?: string; pretendToBeVisual?: boolean });
    readonly window: Window & typeof globalThis;
  }
}

// Framework's Markdown parser, to test scripts/static-tex.ts against the parser it plugs into.
declare module "@observablehq/framework/dist/markdown.js" {
  export function createMarkdownIt(options?: { markdownIt?: (md: any) => any }): unknown;
  export function parseMarkdown(
    input: string,
    options: { md: unknown; path: string },
  ): { body: string; code: { id: string; mode: string }[] };
}
