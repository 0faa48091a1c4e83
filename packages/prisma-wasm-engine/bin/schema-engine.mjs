#!/usr/bin/env node
// local stub (untracked): the real shim is landing on main
process.exit(1);
