// The Node flags `npm start` gives the API (package.json "start"); the benchmarks that start the server use the same.
// See docs/operations.md (young generation, allocation-site pretenuring, old generation growth).
export const SERVER_NODE_FLAGS = ['--no-allocation-site-pretenuring', '--heap-growing-percent=30'];
