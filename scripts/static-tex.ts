// Typesets a page's constant formulas when the page is built (a markdown-it plugin that
// observablehq.config.ts installs). Written as `${tex`…`}` or `${tex.block`…`}`, a formula
// was a cell of its own: KaTeX ran in the browser before the page's first paint (Framework
// runs cells in an animation-frame callback), 130 ms of the attention page's first frame on a
// 2-core machine (issue 13). A formula with no `${` inside is now KaTeX's HTML in the page;
// the rest (a slider's value in a formula) stay cells. The markup is maths.ts's own (texMarkup),
// and KaTeX's stylesheet is in the built page's head (scripts/prerender.ts).
import { texMarkup } from "../src/components/maths.ts";

/**
 * `${tex`…`}` or `${tex.block`…`}` with no interpolation: group 1 ".block" or empty, group 2 the
 * TeX as the template literal's raw text holds it, as maths.ts's texSource reads it.
 */
const CONSTANT_TEX = /^\$\{tex(\.block)?`((?:[^`\\$]|\\[^]|\$(?!\{))*)`\}/;

interface Token {
  type: string;
  content: string;
  meta: unknown;
  children: Token[] | null;
}
interface InlineState {
  src: string;
  pos: number;
  push(type: string, tag: string, nesting: number): Token;
}
interface CoreState {
  tokens: Token[];
  Token: new (type: string, tag: string, nesting: number) => Token;
}
export interface MarkdownItLike {
  inline: { ruler: { before(name: string, rule: string, fn: (state: InlineState, silent: boolean) => boolean): void } };
  core: { ruler: { after(name: string, rule: string, fn: (state: CoreState) => void): void } };
}

/** Marks a display formula's token, for the paragraph rule below. */
const DISPLAY = Symbol("display maths");

export function staticTex<T extends MarkdownItLike>(md: T): T {
  // Before Framework's own rule for ${…}, which would make the formula a cell.
  md.inline.ruler.before("placeholder", "static-tex", (state, silent) => {
    const match = CONSTANT_TEX.exec(state.src.slice(state.pos));
    if (!match) return false;
    if (!silent) {
      const display = match[1] === ".block";
      const token = state.push("html_inline", "", 0);
      token.content = texMarkup(match[2], display);
      token.meta = display ? DISPLAY : null;
    }
    state.pos += match[0].length;
    return true;
  });
  // A paragraph that is one display formula becomes the formula's <div>: a <div> inside a <p>
  // is not valid HTML, and the browser would split the paragraph around it.
  md.core.ruler.after("inline", "static-tex-block", (state) => {
    const tokens = state.tokens;
    for (let i = 0; i + 2 < tokens.length; i++) {
      const [open, inline, close] = tokens.slice(i, i + 3);
      const only = inline.children?.length === 1 ? inline.children[0] : undefined;
      if (open.type !== "paragraph_open" || close.type !== "paragraph_close" || only?.meta !== DISPLAY) continue;
      const block = new state.Token("html_block", "", 0);
      block.content = `${only.content}\n`;
      tokens.splice(i, 3, block);
    }
  });
  return md;
}
