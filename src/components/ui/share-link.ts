// The classroom side of url-state.ts: write the page's settings into the address bar as they
// change (replaceState: no history entry per slider tick), a "Copy link" button, and a notice
// for settings a link carried that were ignored. Presenter mode's ?present=1 is kept.
import { encodeState, type Schema, type StateOf } from "../state/url-state.js";

/** Replaces the query string with `values` (defaults left out), keeping presenter mode. */
export function syncUrl<S extends Schema>(schema: S, values: Partial<StateOf<S>>): void {
  syncSearch(encodeState(schema, values));
}

/** Replaces the query string with the settings of `search`, keeping presenter mode. */
export function syncSearch(search: string): void {
  const url = new URL(location.href);
  const present = url.searchParams.get("present");
  const next = new URLSearchParams(search);
  if (present) next.set("present", present);
  const query = next.toString();
  url.search = query ? `?${query}` : "";
  if (url.href !== location.href) history.replaceState(history.state, "", url);
}

/** The query string without presenter mode's flag, which is the page's, not a setting. */
export function settingsSearch(search: string): string {
  const params = new URLSearchParams(search);
  params.delete("present");
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** A button that copies the page's address (settings included) and says so. */
export function copyLinkButton(doc: Document = document): HTMLElement {
  const wrap = doc.createElement("span");
  wrap.className = "glimpse-copy-link";
  const button = doc.createElement("button");
  button.type = "button";
  button.textContent = "Copy link";
  button.title = "Copy a link that reopens this page with these settings";
  const note = doc.createElement("span");
  note.setAttribute("role", "status");
  note.className = "glimpse-copy-note";
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      note.textContent = "Link copied.";
    } catch {
      // Clipboard access can be refused (insecure context, permissions): show the link instead.
      note.textContent = `Copy this link: ${location.href}`;
    }
  });
  wrap.append(button, note);
  return wrap;
}

/** The notices from decodeState as a visible list (nothing when there are none). */
export function urlNotices(notices: string[], doc: Document = document): HTMLElement {
  const box = doc.createElement("div");
  box.className = "glimpse-url-notices";
  if (notices.length === 0) return box;
  box.setAttribute("role", "note");
  const p = doc.createElement("p");
  p.textContent = "Some settings in this link were not used:";
  const ul = doc.createElement("ul");
  for (const n of notices) {
    const li = doc.createElement("li");
    li.textContent = n;
    ul.append(li);
  }
  box.append(p, ul);
  return box;
}
