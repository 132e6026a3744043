/**
 * Kysely over SQLite with the connections in a worker thread (see sqlite-worker.mjs).
 *
 * better-sqlite3 is synchronous: on the main thread every page written at a commit stalls every request in
 * flight. Here the main thread compiles and posts; the statements run on the other core. Semantics are those
 * of Kysely's own SQLite driver (one writer, a transaction's statements never interleaved with anyone
 * else's), plus a reader connection for selects outside transactions.
 *
 * A message to a sleeping thread is expensive (it has to be woken), so messages carry as much as they can:
 * a transaction's `begin` travels with its first statement, writes nobody reads the answer of (`pipelined`)
 * travel with the next statement that is awaited, and `executeAll` sends several statements at once.
 */
import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  SqliteDialect,
} from 'kysely';

/** A statement SQLite refused, with better-sqlite3's code (e.g. SQLITE_CONSTRAINT_UNIQUE). */
export class SqliteThreadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SqliteError';
  }
}

type Outcome = unknown[] | { changes: number; lastInsertRowid: number | bigint };
type Reply = [id: number, results: Outcome[] | undefined, message?: string, code?: string];

// mode bits of a message (see sqlite-worker.mjs)
const READ = 1;
const BEGIN = 2;

/** Statements and messages sent to SQLite threads by this process (tests count queries with it). */
export const threadStats = { statements: 0, messages: 0 };

class SqliteThread {
  #worker: Worker;
  #checkpointer: Worker | undefined;
  #pending = new Map<number, (reply: Reply) => void>();
  #nextId = 1;
  #ready: Promise<void>;
  #failure: Error | undefined;

  constructor(file: string, pragmas: string[]) {
    this.#worker = new Worker(new URL('./sqlite-worker.mjs', import.meta.url), {
      workerData: { file, pragmas },
    });
    this.#ready = new Promise((resolve, reject) => {
      this.#pending.set(-1, () => resolve());
      this.#worker.once('error', reject);
    });
    this.#worker.on('message', (reply: Reply) => {
      const waiting = this.#pending.get(reply[0]);
      if (!waiting) return;
      this.#pending.delete(reply[0]);
      // an idle thread must not keep the process alive; a statement in flight must
      if (this.#pending.size === 0) this.#worker.unref();
      waiting(reply);
    });
    const fail = (error: Error) => {
      this.#failure = error;
      const waiting = [...this.#pending.values()];
      this.#pending.clear();
      for (const w of waiting) w([-1, undefined, error.message]);
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', () => fail(new Error('the SQLite thread has stopped')));
    if (file !== ':memory:') {
      this.#checkpointer = new Worker(new URL('./sqlite-checkpointer.mjs', import.meta.url), {
        workerData: { file, everyMs: 200 },
      });
      this.#checkpointer.unref();
      // without it the writer checkpoints by itself: slower, never wrong
      this.#checkpointer.on('error', () => undefined);
    }
  }

  ready(): Promise<void> {
    return this.#ready;
  }

  /** Run the statements in order; the results of those after the first `deferred` ones. */
  async run(statements: CompiledQuery[], mode: number, deferred: number): Promise<Outcome[]> {
    if (this.#failure) throw this.#failure;
    const id = this.#nextId++;
    threadStats.statements += statements.length;
    threadStats.messages += 1;
    const [, results, message, code] = await new Promise<Reply>((resolve) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, resolve);
      this.#worker.postMessage([id, statements.map((s) => [s.sql, s.parameters]), mode, deferred]);
    });
    if (!results) throw new SqliteThreadError(message ?? 'SQLite failed', code);
    return results;
  }

  async close(): Promise<void> {
    if (!this.#failure) {
      await new Promise<void>((resolve) => {
        this.#worker.ref();
        this.#pending.set(0, () => resolve());
        this.#worker.postMessage([0, [], 0, 0]);
      });
    }
    await this.#checkpointer?.terminate();
    await this.#worker.terminate();
  }
}

/** Compiled writes whose answer nobody reads (see `pipelined` in index.ts). */
const deferred = new WeakSet<CompiledQuery>();
export const markDeferred = (query: CompiledQuery) => deferred.add(query);

function toResult<R>(outcome: Outcome): QueryResult<R> {
  if (Array.isArray(outcome)) return { rows: outcome as R[] };
  return {
    numAffectedRows: BigInt(outcome.changes),
    insertId: BigInt(outcome.lastInsertRowid),
    rows: [],
  };
}

/**
 * One per Kysely acquisition. Inside a transaction it holds the writer; outside, selects go to the reader
 * connection (they never wait for a transaction in progress) and any other statement takes the writer for
 * itself alone.
 */
export class ThreadConnection implements DatabaseConnection {
  inTransaction = false;
  /** the transaction's `begin`, sent with its first statement */
  beginPending = false;
  /** deferred writes of the transaction, sent with its next message */
  queued: CompiledQuery[] = [];

  constructor(
    private readonly thread: SqliteThread,
    private readonly writer: Mutex,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction && deferred.has(compiled)) {
      this.queued.push(compiled);
      return { rows: [] };
    }
    const [result] = await this.executeAll<R>([compiled]);
    return result;
  }

  /** Several statements in one message; their results in order. */
  async executeAll<R>(statements: CompiledQuery[]): Promise<QueryResult<R>[]> {
    if (this.inTransaction || !this.writer.shared) return this.sendToWriter<R>(statements);
    if (statements.every((s) => SelectQueryNode.is(s.query)))
      return (await this.thread.run(statements, READ, 0)).map((o) => toResult<R>(o));
    await this.writer.lock();
    try {
      return await this.sendToWriter<R>(statements);
    } finally {
      this.writer.unlock();
    }
  }

  async sendToWriter<R>(statements: CompiledQuery[]): Promise<QueryResult<R>[]> {
    const prefix = this.queued;
    this.queued = [];
    const mode = this.beginPending ? BEGIN : 0;
    this.beginPending = false;
    const outcomes = await this.thread.run([...prefix, ...statements], mode, prefix.length);
    return outcomes.map((o) => toResult<R>(o));
  }

  // biome-ignore lint/correctness/useYield: streaming is refused, like Kysely's driver does for non-selects
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the SQLite thread; page the query instead');
  }
}

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  /** false for an in-memory database: one connection only, so every statement waits for the transaction */
  constructor(readonly shared: boolean) {}

  async lock(): Promise<void> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
  }

  unlock(): void {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
}

class SqliteThreadDriver implements Driver {
  #thread: SqliteThread | undefined;
  #writer: Mutex;

  constructor(
    private readonly file: string,
    private readonly pragmas: string[],
  ) {
    this.#writer = new Mutex(file !== ':memory:');
  }

  async init(): Promise<void> {
    this.#thread = new SqliteThread(this.file, this.pragmas);
    await this.#thread.ready();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = new ThreadConnection(this.#thread as SqliteThread, this.#writer);
    if (!this.#writer.shared) await this.#writer.lock();
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as ThreadConnection;
    if (this.#writer.shared) await this.#writer.lock();
    c.inTransaction = true;
    c.beginPending = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as ThreadConnection;
    if (c.beginPending && !c.queued.length) {
      this.#endTransaction(c);
      return;
    }
    // Post the commit, then let the next transaction queue its first message behind it at once (the thread
    // runs messages in order). A commit that fails is rolled back by the thread itself, so the transaction
    // is over either way.
    const committed = c.sendToWriter([CompiledQuery.raw('commit')]);
    this.#endTransaction(c);
    await committed;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as ThreadConnection;
    if (!c.inTransaction) return;
    c.queued = [];
    try {
      if (!c.beginPending) await c.sendToWriter([CompiledQuery.raw('rollback')]);
    } finally {
      this.#endTransaction(c);
    }
  }

  #endTransaction(connection: ThreadConnection): void {
    if (!connection.inTransaction) return;
    connection.inTransaction = false;
    connection.beginPending = false;
    connection.queued = [];
    if (this.#writer.shared) this.#writer.unlock();
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoted(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoted(name)}`));
  }

  async releaseConnection(): Promise<void> {
    if (!this.#writer.shared) this.#writer.unlock();
  }

  async destroy(): Promise<void> {
    await this.#thread?.close();
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Kysely's SQLite dialect (compiler, adapter, introspector) with the driver above. */
export class SqliteThreadDialect extends SqliteDialect {
  constructor(
    private readonly file: string,
    private readonly pragmas: string[],
  ) {
    super({
      database: () => {
        throw new Error('unused: the SQLite thread opens the database');
      },
    });
  }

  override createDriver(): Driver {
    return new SqliteThreadDriver(this.file, this.pragmas);
  }
}
