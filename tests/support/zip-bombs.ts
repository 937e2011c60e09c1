import * as zlib from "node:zlib";
import { Inflate } from "fflate";
import { vi } from "vitest";

// Hand-built zips for the zip-guard tests: fflate and exceljs write honest
// archives, an attacker does not.

export const MB = 1024 * 1024;

/**
 * Raw deflate of `mb` MiB of zeros, built from 1 MiB full-flush segments so a
 * 200 MB bomb costs ~200 KB and a few milliseconds, never the 200 MB itself.
 */
export function deflatedZeros(mb: number): Uint8Array {
  const segment = zlib.deflateRawSync(Buffer.alloc(MB), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mb }, () => segment), Buffer.from([0x03, 0x00])]); // + empty final block
}

export type RawEntry = {
  name: string;
  /** The bytes as stored (deflated unless method is 0). */
  data: Uint8Array;
  /** The uncompressed size the headers declare: the truth, or a lie. */
  size: number;
  method?: number;
  flags?: number;
};

/** A minimal zip writer for entries deflated by hand (CRCs left 0: the guard refuses before any library checks them). */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data, size, method = 8, flags = 0 } of entries) {
    const n = Buffer.from(name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(flags, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(data.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(flags, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(data.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(offset, 42);
    local.push(lh, n, Buffer.from(data));
    central.push(ch, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, cd, end]));
}

/** A stored (uncompressed) entry that tells the truth. */
export function stored(name: string, text: string): RawEntry {
  const data = new TextEncoder().encode(text);
  return { name, data, size: data.length, method: 0 };
}

/**
 * An .xlsx-shaped bomb: the parts a workbook needs, and a sheet whose central
 * directory declares `declaredKb` KB while it inflates to `realMb` MB of zeros.
 */
export function lyingWorkbook(realMb: number, declaredKb = 300): Uint8Array {
  return rawZip([
    stored("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    stored("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'),
    { name: "xl/worksheets/sheet1.xml", data: deflatedZeros(realMb), size: declaredKb * 1024 },
  ]);
}

/**
 * Counts the compressed bytes the zip guard feeds to fflate's inflater, so a
 * test can prove a bomb was cut off early by what was read, not by a clock.
 */
export function countInflatedInput(): { bytes: () => number; restore: () => void } {
  let total = 0;
  const push = Inflate.prototype.push;
  const spy = vi.spyOn(Inflate.prototype, "push").mockImplementation(function (this: Inflate, chunk: Uint8Array, final?: boolean) {
    total += chunk.length;
    return push.call(this, chunk, final);
  });
  return { bytes: () => total, restore: () => spy.mockRestore() };
}
