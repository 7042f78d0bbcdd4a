import { closeSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';

/** The live capture file, open for appending. */
export interface CaptureAppendHandle {
  append(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** The few file operations the capture writer needs; injected so tests can be slow or fail on purpose. */
export interface CaptureFileSystem {
  /** Opens (creating) the file for appending: kept open across batches, closed to rotate. */
  openForAppend(path: string): Promise<CaptureAppendHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** The file's size in bytes, or `undefined` when it does not exist. */
  size(path: string): Promise<number | undefined>;
  /** Creates the directory and its parents. */
  mkdir(path: string): Promise<void>;
}

/** "File not found" becomes `undefined`; any other error is thrown again. */
const undefinedIfMissing = (error: unknown): undefined => {
  if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT') return undefined;
  throw error;
};

/** `node:fs/promises`, with "file not found" turned into `undefined` sizes and no-op deletes. */
export const nodeCaptureFileSystem: CaptureFileSystem = {
  async openForAppend(path) {
    const handle = await open(path, 'a');
    return {
      append: async (data) => {
        // One write call can be partial: loop until every byte is in.
        for (let offset = 0; offset < data.byteLength; ) offset += (await handle.write(data, offset)).bytesWritten;
      },
      close: () => handle.close(),
    };
  },
  rename: (from, to) => rename(from, to),
  async unlink(path) {
    await unlink(path).catch(undefinedIfMissing);
  },
  size: async (path) => (await stat(path).catch(undefinedIfMissing))?.size,
  async mkdir(path) {
    await mkdir(path, { recursive: true });
  },
};

/**
 * The same operations done synchronously, for the capture worker: that thread exists to wait on
 * the disk, so a write there needs no libuv pool thread (and no wake-ups of one), and the copy
 * into the page cache runs at the worker's low priority (`lowerThreadPriority`), not at the
 * pool's, which the gateway's event loop shares. Never use it on the event loop.
 */
export const syncCaptureFileSystem: CaptureFileSystem = {
  async openForAppend(path) {
    const fd = openSync(path, 'a');
    return {
      append: async (data) => {
        for (let offset = 0; offset < data.byteLength; ) offset += writeSync(fd, data, offset);
      },
      close: async () => closeSync(fd),
    };
  },
  rename: async (from, to) => renameSync(from, to),
  async unlink(path) {
    try {
      unlinkSync(path);
    } catch (error) {
      undefinedIfMissing(error);
    }
  },
  // `throwIfNoEntry: false` answers `undefined` for ENOENT alone, as `undefinedIfMissing` does.
  size: async (path) => statSync(path, { throwIfNoEntry: false })?.size,
  async mkdir(path) {
    mkdirSync(path, { recursive: true });
  },
};
