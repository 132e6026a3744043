// The SQLite connection lives in this worker thread, so that the app's event loop never waits on the disk:
// while a transaction's pages are written here, the main thread parses, validates and answers other requests.
// Plain JavaScript because the thread starts without the TypeScript loader (in tests as in production).
// Protocol: the main thread posts [id, statements, mode, deferred] where statements is a list of [sql, params]
// run in order. Mode READ runs selects outside any transaction on a second connection, which WAL lets read
// the last commit while a transaction is open on the first; mode BEGIN opens a transaction on the writer
// first (saving the begin's own message). The first `deferred` statements are writes whose answers nobody
// waits for. The reply is [id, results] (rows, or { changes, lastInsertRowid }, for each statement after the
// deferred ones) or [id, undefined, message, code] when SQLite refuses one of them.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

function open(pragmas) {
  const db = new Database(workerData.file);
  for (const pragma of pragmas) db.pragma(pragma);
  // Preparing costs more than running most of our statements: keep the prepared statements of recent SQL texts.
  const statements = new Map();
  const prepare = (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (statements.size >= 1000) statements.delete(statements.keys().next().value);
      statements.set(sql, statement);
    }
    return statement;
  };
  return { db, prepare };
}

const writer = open(workerData.pragmas);
// an in-memory database exists only in its one connection
const reader = workerData.file === ':memory:' ? writer : open([...workerData.pragmas, 'query_only = ON']);

// A Buffer crosses the thread boundary as a plain Uint8Array; better-sqlite3 binds only Buffers.
const bindable = (params) =>
  params.map((v) =>
    v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v,
  );

// mode bits
const READ = 1;
const BEGIN = 2;
// Once a deferred write of a transaction fails, everything else of that transaction fails the same way until
// the rollback: its commit must never succeed.
let failure;

function execute(statements, mode, deferred) {
  if (mode & READ) return statements.map(([sql, params]) => run(reader, sql, params));
  if (mode & BEGIN) {
    failure = undefined;
    writer.db.exec('begin');
  }
  const results = [];
  for (let i = 0; i < statements.length; i++) {
    const [sql, params] = statements[i];
    try {
      if (failure && writer.db.inTransaction && sql !== 'rollback') throw failure;
      failure = undefined;
      const result = run(writer, sql, params);
      if (i >= deferred) results.push(result);
    } catch (err) {
      if (statements.some(([s]) => s === 'commit')) {
        // a message that ends its transaction: the main thread has already let the next transaction queue
        // behind it, so a failure anywhere in it ends this one here
        failure = undefined;
        if (writer.db.inTransaction) writer.db.exec('rollback');
      } else if (i < deferred && writer.db.inTransaction) failure = err;
      throw err;
    }
  }
  return results;
}

function run(connection, sql, params) {
  const statement = connection.prepare(sql);
  const args = params.length ? bindable(params) : params;
  if (statement.reader) return statement.all(args);
  const { changes, lastInsertRowid } = statement.run(args);
  return { changes, lastInsertRowid };
}

parentPort.on('message', (message) => {
  const [id, statements, mode, deferred] = message;
  if (id === 0) {
    if (reader !== writer) reader.db.close();
    writer.db.close();
    parentPort.postMessage([0, []]);
    return;
  }
  try {
    parentPort.postMessage([id, execute(statements, mode, deferred)]);
  } catch (err) {
    parentPort.postMessage([id, undefined, String(err?.message ?? err), err?.code]);
  }
});
parentPort.postMessage([-1, []]);
