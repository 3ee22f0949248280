import { describe, expect, it } from 'vitest';
import { unpackedRoot } from '../../src/main/app/packaged-paths.ts';

describe('the unpacked native binding of a packaged app', () => {
  it('is looked for beside the archive, and in the checkout while developing', () => {
    expect(unpackedRoot('/opt/RowCol/resources/app.asar')).toBe(
      '/opt/RowCol/resources/app.asar.unpacked',
    );
    expect(unpackedRoot('C:\\Program Files\\RowCol\\resources\\app.asar')).toBe(
      'C:\\Program Files\\RowCol\\resources\\app.asar.unpacked',
    );
    expect(unpackedRoot('/home/me/rowcol')).toBe('/home/me/rowcol');
  });
});
