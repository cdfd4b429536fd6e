// Imported first by main.ts, for its side effect, before cdktf or any project module loads.
//
// tsx turns source maps on, and then every module pays for them as it loads: tsx encodes an inline map
// into each project file it compiles, and node decodes the inline map of every module that has one
// (every file of cdktf does). Turned off only after the imports, as main.ts did, that cost was already
// paid (help/performance.md). Traces of unexpected errors point into the transpiled code instead of the
// .ts lines, which is still enough to find the line.
process.setSourceMapsEnabled(false);
