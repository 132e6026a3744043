import { createHash, getRandomValues, randomBytes } from 'node:crypto';
import { V7Generator } from 'uuidv7';

/**
 * Random 32-bit words for UUIDv7, drawn from the CSPRNG 4 KB at a time (the library's default refills every
 * 32 bytes, and a batch of 400 entries needs 800 ids).
 */
class PooledRandom {
  #pool = new Uint32Array(1024);
  #next = this.#pool.length;

  nextUint32(): number {
    if (this.#next >= this.#pool.length) {
      getRandomValues(this.#pool);
      this.#next = 0;
    }
    return this.#pool[this.#next++];
  }
}

const generator = new V7Generator(new PooledRandom());

export const newId = (): string => generator.generate().toString();

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
