/**
 * Presenter mode for teaching on a projector: large type, narration collapsed, only the
 * essential controls, and keyboard shortcuts (space = play/pause, → = step, r = reset,
 * p = presenter mode on/off). On with `?present=1` in the URL or the toggle button.
 */
export type ShortcutAction = "play-pause" | "step" | "reset" | "toggle-presenter";

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** Tag name of the focused element (shortcuts never steal typing). */
  targetTag?: string;
  targetEditable?: boolean;
}

const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);

/** Which action a key press means, or undefined when it belongs to the focused control. */
export function shortcutFor(e: KeyLike): ShortcutAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey || e.targetEditable) return undefined;
  const tag = (e.targetTag ?? "").toUpperCase();
  if (TYPING.has(tag)) return undefined;
  // Space on a focused button presses the button; it is not a second, global action.
  if (e.key === " " && (tag === "BUTTON" || tag === "SUMMARY" || tag === "A")) return undefined;
  switch (e.key) {
    case " ":
      return "play-pause";
    case "ArrowRight":
      return "step";
    case "r":
    case "R":
      return "reset";
    case "p":
    case "P":
      return "toggle-presenter";
    default:
      return undefined;
  }
}

export const PRESENTER_CLASS = "glimpse-presenter";

export function isPresenting(): boolean {
  return document.documentElement.classList.contains(PRESENTER_CLASS);
}

/** Turns presenter mode on or off and records it in the URL, so a shared link keeps it. */
export function setPresenting(on: boolean): void {
  document.documentElement.classList.toggle(PRESENTER_CLASS, on);
  const url = new URL(location.href);
  if (on) url.searchParams.set("present", "1");
  else url.searchParams.delete("present");
  history.replaceState(history.state, "", url);
  document.dispatchEvent(new CustomEvent("glimpse:presenter", { detail: on }));
}

/** A toggle button that stays in sync with the mode. */
export function presenterToggle(): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "glimpse-presenter-toggle";
  const sync = () => {
    const on = isPresenting();
    b.setAttribute("aria-pressed", String(on));
    b.textContent = on ? "Leave presenter mode" : "Presenter mode";
  };
  b.addEventListener("click", () => setPresenting(!isPresenting()));
  document.addEventListener("glimpse:presenter", sync);
  sync();
  return b;
}

export type ShortcutHandlers = Partial<Record<Exclude<ShortcutAction, "toggle-presenter">, () => void>>;

/** Listens for the shortcuts; returns the function that stops listening (pass it to invalidation). */
export function bindShortcuts(handlers: ShortcutHandlers): () => void {
  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null;
    const action = shortcutFor({
      key: e.key,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
      targetTag: target?.tagName,
      targetEditable: target?.isContentEditable,
    });
    if (!action) return;
    if (action === "toggle-presenter") setPresenting(!isPresenting());
    else {
      const handler = handlers[action];
      if (!handler) return;
      handler();
    }
    e.preventDefault();
  };
  document.addEventListener("keydown", onKey);
  return () => document.removeEventListener("keydown", onKey);
}
