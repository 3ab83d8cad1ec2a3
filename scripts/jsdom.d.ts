// The part of jsdom the build's prerender uses (scripts/prerender-dom.ts); jsdom ships no types.
declare module "jsdom" {
  export class JSDOM {
    constructor(html: string, options?: { url?: string; pretendToBeVisual?: boolean });
    readonly window: Window & typeof globalThis;
  }
}
