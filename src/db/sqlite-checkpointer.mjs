// Copies committed pages from the WAL into the database file (and syncs them) on a thread of its own, so that
// the writer's commits never wait for a disk sync. The writer still checkpoints by itself when the WAL grows
// past its limit (wal_autocheckpoint), should this thread fall behind.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy: the next round (or the writer's own limit) takes care of it
  }
}, workerData.everyMs);
parentPort.postMessage('ready');
