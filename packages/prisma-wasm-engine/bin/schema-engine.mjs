#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which cannot be downloaded here. The Prisma CLI runs it via
// PRISMA_SCHEMA_ENGINE_BINARY (see /prisma.config.ts) and it answers the same protocol with Prisma's own schema engine
// compiled to WASM (@prisma/schema-engine-wasm), over a driver adapter chosen by the datasource URL:
//   postgresql:// | postgres://                     @prisma/adapter-pg (node-postgres)
//   pglite://<dir> | pglite://memory | file:<dir>   pglite-prisma-adapter over @electric-sql/pglite (<dir> relative to cwd)
// How the CLI runs it:
//   --version                                          print the version, exit
//   --datasource '{"url":…}' cli <command>              one-shot can-connect-to-database | create-database: exit 0, or 1
//                                                       with a JSON error line on stderr
//   --datamodels <file>… --datasource '{"url":…}'       newline-delimited JSON-RPC 2.0 on stdin/stdout, JSON logs on stderr
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const require = createRequire(import.meta.url);
const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
const glue = await import(gluePath);

const log = (level, message, extra = {}) =>
  process.stderr.write(
    `${JSON.stringify({
      timestamp: new Date().toISOString(),
      level,
      fields: { message, ...extra },
      target: 'schema_engine::logger',
    })}\n`,
  );
const prismaCode = (e) => (/^P\d{4}$/.test(e?.code ?? '') ? { error_code: e.code } : {});

// A Rust panic stores its message here, then traps; inside an engine task that surfaces as an uncaught exception.
let panicMessage;
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  set_message: (m) => {
    panicMessage = m;
  },
};
process.on('uncaughtException', (err) => {
  log('ERROR', `${panicMessage ?? ''}\n${err?.stack ?? err}`.trim(), { is_panic: true });
  process.exit(101); // the native engine's panic exit code
});

// Instantiated by hand, once per process: Node 20 cannot import the .wasm, and a second instance panics.
let wasm;
const loadWasm = () =>
  (wasm ??= WebAssembly.instantiate(readFileSync(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm')), {
    './schema_engine_bg.js': glue,
  }).then(({ instance }) => {
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
  }));

// ---- command line and datasource ---------------------------------------------------------------------------------
const opts = { datamodels: [], datasource: {} };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--version' || a === '-V') opts.version = true;
  else if (a === '--datamodels') opts.datamodels.push(process.argv[++i]);
  else if (a === '--datasource') opts.datasource = JSON.parse(process.argv[++i]);
  else if (a === 'cli') opts.cli = process.argv[++i];
  else if (a.startsWith('--')) i++; // --enabled-preview-features, --extension-types: not used here
}
const url = opts.datasource.url ?? '';
const isPg = (u) => /^postgres(ql)?:\/\//i.test(u);
const isPglite = (u) => /^(pglite|file):/i.test(u);
const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;

/** Separate connection fields: given a connection string, node-postgres can silently ignore a different database. */
function pgFields(u) {
  const { hostname, port, username, password, pathname, searchParams: q } = new URL(u),
    d = decodeURIComponent;
  const sslmode = q.get('sslmode'),
    schema = q.get('schema');
  return {
    host: q.get('host') || d(hostname) || 'localhost',
    port: Number(port || 5432),
    user: d(username) || undefined,
    password: password ? d(password) : undefined,
    database: d(pathname.slice(1)) || 'postgres',
    ...(sslmode && sslmode !== 'disable' ? { ssl: { rejectUnauthorized: sslmode === 'verify-full' } } : {}),
    // Prisma's `?schema=`: the engine's default schema, and the search path for the unqualified names in migrations.
    ...(schema ? { schema, options: `-c search_path=${quoteIdent(schema)}` } : {}),
  };
}
/** One statement on a short-lived connection (outside any pool). */
async function pgOnce(fields, sql) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ ...fields, schema: undefined });
  try {
    await client.connect();
    return await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

// ---- one-shot commands ---------------------------------------------------------------------------------------------
async function runCli(command) {
  if (isPglite(url)) return; // PGlite creates its data directory on first use: it always "exists" and is reachable
  if (!isPg(url))
    throw Object.assign(new Error(`Unsupported datasource URL scheme "${url.split(':')[0]}:"`), { code: 'P1013' });
  const fields = pgFields(url),
    where = `${fields.host}:${fields.port}`;
  try {
    if (command === 'can-connect-to-database') await pgOnce(fields, 'SELECT 1');
    else if (command === 'create-database') {
      await pgOnce(
        { ...fields, database: fields.database === 'postgres' ? 'template1' : 'postgres' },
        `CREATE DATABASE ${quoteIdent(fields.database)}`,
      ).catch((e) => {
        if (e.code !== '42P04') throw e;
      }); // 42P04: exists
    } else throw new Error(`Unknown command: cli ${command}`);
  } catch (e) {
    // Prisma's codes for the errors the CLI acts on (P1003: it creates the database)
    if (e.code === '3D000')
      Object.assign(e, {
        code: 'P1003',
        message: `Database \`${fields.database}\` does not exist on the database server at \`${where}\`.`,
      });
    if (/^28(P01|000)$/.test(e.code))
      Object.assign(e, {
        code: 'P1000',
        message: `Authentication failed against database server at \`${where}\` for user \`${fields.user ?? ''}\`.`,
      });
    if (/^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH)$/.test(e.code))
      Object.assign(e, { code: 'P1001', message: `Can't reach database server at \`${where}\`` });
    throw e;
  }
}

// ---- driver adapters -------------------------------------------------------------------------------------------------
const cleanups = []; // run at shutdown, newest first: end pools, drop temporary databases, close PGlite instances

async function pgFactory() {
  const { default: pg } = await import('pg');
  const { PrismaPg } = await import('@prisma/adapter-pg');
  // adapter-pg rejects PostgreSQL's internal `"char"` type (OID 18), which schema inspection reads from the catalog:
  // present it as text (OID 25). Pool.query calls this with a callback; a checked-out client gets a promise.
  const charAsText = (res) => {
    for (const r of [res].flat()) for (const f of r?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return res;
  };
  class Client extends pg.Client {
    query(...args) {
      const cb = args.at(-1);
      if (typeof cb === 'function')
        return super.query(...args.slice(0, -1), (err, res) => cb(err, err ? res : charAsText(res)));
      const out = super.query(...args);
      return typeof out?.then === 'function' ? out.then(charAsText) : out;
    }
  }
  const connect = async ({ schema, ...fields }, onDispose = async () => {}) => {
    const a = await new PrismaPg({ ...fields, Client }, schema ? { schema } : undefined).connect();
    // adapter-pg splits scripts on `;`, breaking `$$` bodies: send the whole script as one simple-protocol query.
    a.executeScript = async (script) => {
      try {
        await a.client.query(script);
      } catch (e) {
        a.onError(e);
      }
    };
    const dispose = a.dispose.bind(a);
    let done;
    a.dispose = () => (done ??= dispose().finally(onDispose));
    cleanups.push(() => a.dispose());
    return a;
  };
  const main = pgFields(url);
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connect(main),
    // For `migrate dev`: the configured shadowDatabaseUrl, or else a temporary database, dropped when released.
    async connectToShadowDb() {
      if (opts.datasource.shadowDatabaseUrl) return connect(pgFields(opts.datasource.shadowDatabaseUrl));
      const name = `prisma_shadow_${process.pid}_${Date.now().toString(36)}`;
      await pgOnce(main, `CREATE DATABASE ${quoteIdent(name)}`);
      return connect({ ...main, database: name }, () =>
        pgOnce(main, `DROP DATABASE IF EXISTS ${quoteIdent(name)}`).catch(() => {}),
      );
    },
  };
}

async function pgliteFactory() {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const { DriverAdapterError } = await import('@prisma/driver-adapter-utils');
  const open = async (dataDir, loadDataDir) => {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const db = new PGlite({ dataDir, loadDataDir });
    await db.waitReady;
    cleanups.push(() => db.closed || db.close());
    const a = await new PrismaPGlite(db).connect();
    // The adapter recognises database errors by `instanceof` against its own, older PGlite, so ours would reach the
    // engine as opaque JS errors: convert them as its default case does.
    Object.getPrototypeOf(Object.getPrototypeOf(a)).onError = (e) => {
      if (typeof e?.code !== 'string' || typeof e?.severity !== 'string') throw e;
      const { code, severity, message, detail, column, hint } = e;
      throw new DriverAdapterError({ kind: 'postgres', code, severity, message, detail, column, hint });
    };
    // The adapter's executeScript does not await `exec`: a failing migration would be recorded as applied.
    a.executeScript = async (script) => {
      try {
        await db.exec(script);
      } catch (e) {
        a.onError(e);
      }
    };
    return a;
  };
  // Shadow databases are fresh in-memory instances. Creating one runs initdb (several seconds) and `migrate dev` asks
  // for a few, so the first one's pristine data directory is kept (in memory and, per PGlite version, in the OS temp
  // dir) and the next ones are loaded from it.
  const pkg = path.join(path.dirname(require.resolve('@electric-sql/pglite')), '../package.json');
  const templateFile = path.join(
    os.tmpdir(),
    `lodestone-pglite-${JSON.parse(readFileSync(pkg, 'utf8')).version}-empty.tar`,
  );
  let template; // undefined: not looked for yet; null: none; false: unusable
  const openShadow = async () => {
    template ??= existsSync(templateFile) ? new Blob([readFileSync(templateFile)]) : null;
    if (template)
      return open(undefined, template).catch(() => {
        template = false;
        return openShadow();
      });
    const a = await open(undefined);
    template = await a.client.dumpDataDir('none');
    try {
      writeFileSync(`${templateFile}.${process.pid}`, Buffer.from(await template.arrayBuffer()));
      renameSync(`${templateFile}.${process.pid}`, templateFile);
    } catch {
      /* only a cache */
    }
    return a;
  };
  // One instance per data directory and process. (The engine asks for the server version as soon as it starts, so the
  // database is opened, and its directory created, even for `migrate diff --from-empty`.)
  const rest = url.replace(/^pglite:\/\/|^file:(\/\/)?/i, '').replace(/\?.*$/, '');
  const dataDir = rest === '' || rest === 'memory' || rest.startsWith('memory:') ? undefined : path.resolve(rest);
  let main;
  return {
    provider: 'postgres',
    adapterName: 'pglite-prisma-adapter',
    connect: () => (main ??= open(dataDir)),
    connectToShadowDb: openShadow,
  };
}

// ---- the engine: one per process, created by the first request that needs it ---------------------------------------
let engine, registry; // registry: JS errors thrown in the adapters, which the engine reports as "External error id#N"
const getEngine = () =>
  (engine ??= (async () => {
    if (!isPg(url) && !isPglite(url))
      throw new Error(`Unsupported datasource URL "${url.split(':')[0]}:" (use postgresql://, pglite:// or file:)`);
    await loadWasm();
    const { bindMigrationAwareSqlAdapterFactory } = await import('@prisma/driver-adapter-utils');
    const factory = bindMigrationAwareSqlAdapterFactory(isPg(url) ? await pgFactory() : await pgliteFactory());
    registry = factory.errorRegistry;
    const datamodels = opts.datamodels.map((f) => [f, readFileSync(path.resolve(f), 'utf8')]);
    const onLog = (lines) =>
      String(lines)
        .split('\n')
        .filter((l) => l.trim())
        .forEach((l) => {
          process.stderr.write(`${l.trim()}\n`);
        });
    return glue.SchemaEngine.new({ datamodels: datamodels.length ? datamodels : undefined }, onLog, factory); // [] panics
  })());

// ---- JSON-RPC ----------------------------------------------------------------------------------------------------------
const send = (msg) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...msg })}\n`);
const ENGINE_METHODS = new Set([
  'applyMigrations',
  'createMigration',
  'dbExecute',
  'debugPanic',
  'devDiagnostic',
  'diagnoseMigrationHistory',
  'ensureConnectionValidity',
  'evaluateDataLoss',
  'introspect',
  'introspectSql',
  'markMigrationApplied',
  'markMigrationRolledBack',
  'reset',
  'schemaPush',
]);
const printed = new Map(); // our own `print` requests to the CLI, by id (the CLI numbers its requests from 1)
let printId = 1e9;
const print = (content) =>
  new Promise((resolve) => {
    printed.set(++printId, resolve);
    send({ id: printId, method: 'print', params: { content } });
  });

async function call(method, params) {
  if (method === 'version') return loadWasm().then(() => glue.version());
  const e = await getEngine();
  if (method === 'getDatabaseVersion') return e.version(params ?? null);
  if (method === 'diff') {
    // the native engine has the CLI print the diff on its stdout
    const { stdout, exitCode } = await e.diff(params);
    if (stdout) await print(stdout);
    return { exitCode };
  }
  if (!ENGINE_METHODS.has(method))
    throw Object.assign(new Error(`Method not supported by the WASM schema engine: ${method}`), { rpcCode: -32601 });
  try {
    return await e[method](params ?? {});
  } catch (err) {
    // Once applyMigrations has applied something, evaluateDataLoss and createMigration (the next steps of `migrate
    // dev`) miss the engine's cached "schema of the migrations" and fail instead of using our shadow database factory.
    // devDiagnostic, read-only, computes it through the factory and refills the cache: run it, then retry.
    if (!/shadow DB must be provided through an external factory/.test(err?.message) || !params?.migrationsList)
      throw err;
    await e.devDiagnostic({
      migrationsList: params.migrationsList,
      filters: params.filters ?? { externalTables: [], externalEnums: [] },
    });
    return e[method](params);
  }
}

let queue = Promise.resolve(); // one request at a time, in order
function onLine(line) {
  if (!line.trim()) return;
  let msg;
  try {
    msg = JSON.parse(line);
  } catch {
    return log('ERROR', `Invalid JSON-RPC line: ${line.slice(0, 200)}`);
  }
  if (!msg.method) {
    printed.get(msg.id)?.();
    printed.delete(msg.id);
    return;
  } // the CLI's answer to a print
  queue = queue.then(async () => {
    try {
      send({ id: msg.id, result: (await call(msg.method, msg.params)) ?? null });
    } catch (err) {
      const isPanic = err instanceof WebAssembly.RuntimeError;
      const message = String((isPanic && panicMessage) || err?.message || err).replace(
        /External error id#(\d+)/g,
        (m, id) => {
          const e = registry?.consumeError(Number(id))?.error;
          return e ? String(e.stack ?? e) : m;
        },
      );
      log('ERROR', message, prismaCode(err));
      send({
        id: msg.id,
        error: {
          code: err?.rpcCode ?? 4466,
          message: 'An error happened. Check the data field for details.',
          data: { is_panic: isPanic, message, ...prismaCode(err) },
        },
      });
      if (isPanic) shutdown(101); // the WASM instance is unusable after a panic
    }
  });
}

// ---- shutdown: the CLI closes stdin, then sends SIGTERM. The engine keeps a timer alive, so exit explicitly. ---------
let stopping;
const shutdown = (code = 0) =>
  (stopping ??= (async () => {
    await Promise.race([queue, new Promise((r) => setTimeout(r, 1500))]);
    for (const cleanup of cleanups.reverse())
      await Promise.resolve()
        .then(cleanup)
        .catch(() => {});
    process.exit(code);
  })());

if (opts.version) {
  await loadWasm();
  process.stdout.write(
    `schema-engine-cli ${glue.version()} (@prisma/schema-engine-wasm via @lodestone/prisma-wasm-engine)\n`,
  );
  process.exit(0);
}
log('INFO', 'Starting schema engine (WASM shim)'); // the CLI skips the first stderr line of one-shot commands
if (opts.cli) {
  await runCli(opts.cli).then(
    () => process.exit(0),
    (e) => {
      log('ERROR', String(e?.message ?? e), prismaCode(e));
      process.exit(1);
    },
  );
} else {
  readline
    .createInterface({ input: process.stdin, crlfDelay: Infinity })
    .on('line', onLine)
    .on('close', () => shutdown(0));
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => shutdown(0));
}
