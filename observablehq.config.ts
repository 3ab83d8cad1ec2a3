// Observable Framework configuration for Glimpse.
// https://observablehq.com/framework/config
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { staticTex } from "./scripts/static-tex.ts";

const root = fileURLToPath(new URL("./src/", import.meta.url));

// The reading order after the home page. A page joins the sidebar as soon as its
// Markdown file exists, so the nav never links to a page that has not been written.
export const PAGE_PLAN = [
  { name: "The bottleneck", path: "/bottleneck" },
  { name: "Attention", path: "/attention" },
  { name: "Soft vs hard", path: "/soft-vs-hard" },
  { name: "Scoring", path: "/scoring" },
  { name: "Beyond translation", path: "/beyond" },
  { name: "The cost", path: "/cost" },
  { name: "From attention to Transformers", path: "/transformers" },
];

export const pages = PAGE_PLAN.filter((page) => existsSync(`${root}${page.path.slice(1)}.md`));

export default {
  root: "src",
  // Constant formulas are typeset at build time, so no page runs KaTeX before its first paint.
  markdownIt: staticTex,
  title: "Glimpse",
  pages,
  // Light and dark themes plus accessibility fixes (contrast, link underlines).
  style: "style.css",
  // The default loads a font from Google Fonts: an external request on every page.
  globalStylesheets: [],
  // Framework writes <html> without a lang; screen readers need it. The build script also
  // writes it into the static HTML (scripts/set-html-lang.ts); this covers the dev server.
  // Presenter mode (?present=1) is applied before the first paint, so a projector never
  // flashes the small layout; src/components/ui/presenter.ts toggles it afterwards.
  // Framework's sidebar fails two axe rules once the nav has pages: its toggle is named only by
  // a title, and a <label> sits directly inside an <ol>. Both are mended as soon as the DOM exists.
  // An inline icon (an attention row: one dark cell among light ones), so no page asks for
  // /favicon.ico and logs a 404.
  head: `<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%23f3ead8'/%3E%3Crect x='2' y='6' width='3' height='4' fill='%23e0c49a'/%3E%3Crect x='6.5' y='6' width='3' height='4' fill='%23b4531f'/%3E%3Crect x='11' y='6' width='3' height='4' fill='%23e0c49a'/%3E%3C/svg%3E">
<script>document.documentElement.lang = "en";
if (new URLSearchParams(location.search).get("present") === "1") document.documentElement.classList.add("glimpse-presenter");
document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("observablehq-sidebar-toggle")?.setAttribute("aria-label", "Show or hide the list of pages");
  const close = document.getElementById("observablehq-sidebar-close");
  if (close?.parentElement?.tagName === "OL") close.parentElement.before(close);
});</script>`,
  footer: "Glimpse: attention, one step at a time. Runs entirely in your browser.",
  search: false,
  pager: true,
  preserveExtension: false,
};
