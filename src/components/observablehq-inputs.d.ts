// The few @observablehq/inputs functions ui/page-controls.ts uses (the package ships no types).
declare module "@observablehq/inputs" {
  type Input = HTMLElement & { value: any };
  export function range(extent: [number, number], options?: Record<string, unknown>): Input;
  export function select(data: unknown, options?: Record<string, unknown>): Input;
  export function radio(data: unknown, options?: Record<string, unknown>): Input;
  export function checkbox(data: unknown, options?: Record<string, unknown>): Input;
  export function text(options?: Record<string, unknown>): Input;
}
