// The JavaScript half of `BatchResult`'s columns, imported by the WebAssembly module through wasm-bindgen (not a
// public module). Translation only: the module writes every cell's text or code, these loops turn them into JS
// arrays in one pass each, far faster than one call across the boundary a cell or a `JSON.parse`. An ES module
// for the browser build; scripts/build-wasm.sh turns the export line at the end into `module.exports` for the
// CommonJS build.

/**
 * `texts` holds the cells' texts one after another; cell `i` is `texts.slice(ends[i - 1], ends[i])` (from 0 for
 * the first), `null` when empty (no cell is an empty text).
 */
function textColumn(texts, ends) {
  const n = ends.length;
  const out = new Array(n);
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = ends[i];
    out[i] = end === start ? null : texts.slice(start, end);
    start = end;
  }
  return out;
}

/** Cell `i` is `labels[codes[i]]`, `null` for a negative code. */
function labelColumn(codes, labels) {
  const n = codes.length;
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    out[i] = c < 0 ? null : labels[c];
  }
  return out;
}

export { labelColumn, textColumn };
