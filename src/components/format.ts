// Numbers as the pages print them, without Intl: the first toLocaleString in a page initialises
// the browser's ICU data, which cost 47–305 ms of main-thread time in headless Chromium here
// (measured before the first picture; issue 13).

/** An integer with thousands separators, as toLocaleString("en") writes it: 1234567 → "1,234,567". */
export function thousands(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Math.round(n);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return rounded < 0 ? `-${digits}` : digits;
}
