import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerMessages, t } from './i18n.ts';

type Tree = { [key: string]: string | Tree };
const webLocales = new URL('../../web/src/locales/', import.meta.url).pathname;

function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`),
  );
}
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Tree;

describe('web translations', () => {
  it('Indonesian and English carry the same keys, in the base files and in every feature file', () => {
    const pairs: [string, string][] = [[join(webLocales, 'id.json'), join(webLocales, 'en.json')]];
    const extra = join(webLocales, 'extra');
    for (const file of readdirSync(extra).filter((f) => f.endsWith('.id.json')))
      pairs.push([join(extra, file), join(extra, file.replace(/\.id\.json$/, '.en.json'))]);
    for (const [idFile, enFile] of pairs) {
      // plural forms differ by language (Indonesian has none): compare the keys without their suffix
      const base = (file: string) =>
        [...new Set(leaves(read(file)).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))].sort();
      const id = base(idFile);
      const en = base(enFile);
      expect(en, `${enFile} vs ${idFile}`).toEqual(id);
    }
  });
});

describe('server messages', () => {
  it('modules register messages in both languages; a clash or a missing language is refused', () => {
    registerMessages({ id: { TEST_I18N_HELLO: 'Halo {name}' }, en: { TEST_I18N_HELLO: 'Hello {name}' } });
    expect(t('id', 'TEST_I18N_HELLO', { name: 'Sari' })).toBe('Halo Sari');
    expect(t('en', 'TEST_I18N_HELLO', { name: 'Sari' })).toBe('Hello Sari');
    expect(() => registerMessages({ id: { TEST_I18N_X: 'x' }, en: {} })).toThrow(/id\/en differ/);
    expect(() =>
      registerMessages({ id: { TEST_I18N_HELLO: 'Lain' }, en: { TEST_I18N_HELLO: 'Other' } }),
    ).toThrow(/registered twice/);
  });
});
