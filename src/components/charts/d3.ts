// The parts of d3 the charts use, each from its own package: the "d3" bundle is 31 modules that
// a page fetches and compiles before its first picture, and the charts need 7 of them (with
// their dependencies). The charts still write d3.format, d3.select…: import * as d3 from "./d3.js".
export { select, type Selection } from "d3-selection";
export { format } from "d3-format";
export { extent, max, maxIndex, min, range } from "d3-array";
export { scaleDiverging, scaleLinear, scaleLog } from "d3-scale";
export { axisBottom, axisLeft } from "d3-axis";
export { interpolatePuOr, interpolateRdBu, interpolateViridis } from "d3-scale-chromatic";
export { area, line, symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolTriangle } from "d3-shape";
