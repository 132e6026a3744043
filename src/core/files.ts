import { createHash } from 'node:crypto';
import { createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { AppError } from './errors.ts';
import { newId } from './ids.ts';

export interface StoredFile {
  sha: string;
  size: number;
  mime: string;
  ext: string;
}

/** Types as file-type detects them from the bytes; office files are ZIP containers it looks inside. */
const ALLOWED_EXTENSIONS = new Set(['pdf', 'png', 'jpg', 'webp', 'docx', 'xlsx', 'pptx']);
const ALLOWED_LABEL = 'PDF, PNG, JPEG, WEBP, DOCX, XLSX, PPTX';

const SHA_PATTERN = /^[0-9a-f]{64}$/;
// tenant ids end up in a path, so they must never contain separators or dots
const TENANT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} B`;
}

function assertTenant(tenantId: string): void {
  if (!TENANT_PATTERN.test(tenantId)) throw new Error(`Invalid tenant id for file storage: ${tenantId}`);
}

/**
 * Content-addressed evidence files: `<root>/<tenantId>/<sha[0..2]>/<sha>`. The same bytes are stored once
 * per city, and a city's files never share a directory with another city's.
 */
export class FileStore {
  private readonly tempDir: string;

  constructor(
    private readonly root: string,
    private readonly maxBytes = 10 * 1024 * 1024,
  ) {
    // inside the root so the final rename stays on one file system and is atomic
    this.tempDir = join(root, '.tmp');
  }

  /**
   * Streams the upload to a temporary file while hashing it, then checks its type from the content. The
   * original name is not used to decide anything: names and client content types are easy to fake.
   */
  async put(
    tenantId: string,
    source: NodeJS.ReadableStream | Buffer,
    _originalName: string,
  ): Promise<StoredFile> {
    assertTenant(tenantId);
    await mkdir(this.tempDir, { recursive: true });
    const tempPath = join(this.tempDir, `${newId()}.part`);
    let kept = false;
    try {
      const { sha, size } = await this.writeHashed(source, tempPath);
      const type = await fileTypeFromFile(tempPath);
      if (!type || !ALLOWED_EXTENSIONS.has(type.ext)) {
        throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED', { allowed: ALLOWED_LABEL });
      }
      const target = this.pathOf(tenantId, sha);
      if (!(await exists(target))) {
        await mkdir(join(this.root, tenantId, sha.slice(0, 2)), { recursive: true });
        await rename(tempPath, target);
        kept = true;
      }
      return { sha, size, mime: type.mime, ext: type.ext };
    } finally {
      if (!kept) await rm(tempPath, { force: true });
    }
  }

  /** Null when the sha is malformed or the tenant has no such file; both look the same to the caller. */
  async open(tenantId: string, sha: string): Promise<{ stream: ReadStream; size: number } | null> {
    if (!TENANT_PATTERN.test(tenantId) || !SHA_PATTERN.test(sha)) return null;
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(this.pathOf(tenantId, sha), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      return { stream: handle.createReadStream(), size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async has(tenantId: string, sha: string): Promise<boolean> {
    if (!TENANT_PATTERN.test(tenantId) || !SHA_PATTERN.test(sha)) return false;
    return exists(this.pathOf(tenantId, sha));
  }

  private pathOf(tenantId: string, sha: string): string {
    return join(this.root, tenantId, sha.slice(0, 2), sha);
  }

  private async writeHashed(
    source: NodeJS.ReadableStream | Buffer,
    tempPath: string,
  ): Promise<{ sha: string; size: number }> {
    const hash = createHash('sha256');
    let size = 0;
    const maxBytes = this.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        // stop at the first chunk past the limit rather than writing the whole upload to disk
        if (size > maxBytes) {
          callback(new AppError(413, 'FILE_TOO_LARGE', { max: sizeLabel(maxBytes) }));
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
    await pipeline(input, meter, createWriteStream(tempPath, { flags: 'wx' }));
    return { sha: hash.digest('hex'), size };
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
