import type { CaptureAppendHandle, CaptureFileSystem } from './capture-file-system.js';

export interface CaptureFileSetOptions {
  readonly file: string;
  /** Rotated files kept (`file.1` newest … `file.N` oldest); at least 1. */
  readonly maxFiles: number;
  /** Cap across the live file and its rotations. */
  readonly totalMaxBytes: number;
  readonly fs: CaptureFileSystem;
  readonly now: () => number;
}

const reopenAfterMs = 1000;

/**
 * The live capture file and its numbered rotations, with their sizes tracked in memory (read once
 * from disk at start) so that deciding whether to rotate never costs a `stat` per batch.
 *
 * Rotation is the logrotate scheme: `file.N` is deleted, `file.i` becomes `file.i+1`, and `file`
 * becomes `file.1`. The total cap deletes the oldest rotations first; when only the live file is
 * left and it is still too big, it is rotated and then deleted.
 */
export class CaptureFileSet {
  private currentSize = 0;
  /** `rotated[i]` is the size of `file.(i+1)`, `undefined` when that file does not exist. */
  private rotated: (number | undefined)[] = [];
  private openedAt = 0;
  private ready: Promise<void> | undefined;
  /**
   * The live file stays open between batches (an open and a close per batch were most of the
   * writing cost), but for a second at most: a file deleted or moved by hand is then recreated.
   */
  private handle: CaptureAppendHandle | undefined;
  private handleOpenedAt = 0;

  constructor(private readonly options: CaptureFileSetOptions) {}

  /** Number of capture files on disk. */
  get fileCount(): number {
    return (this.currentSize > 0 ? 1 : 0) + this.rotated.filter((size) => size !== undefined).length;
  }

  get size(): number {
    return this.currentSize;
  }

  /** Creates the directory and reads the sizes left by an earlier run; runs once. */
  init(directory: string): Promise<void> {
    this.ready ??= (async () => {
      const { fs, file, maxFiles } = this.options;
      await fs.mkdir(directory);
      this.currentSize = (await fs.size(file)) ?? 0;
      this.rotated = await Promise.all(Array.from({ length: maxFiles }, (_, index) => fs.size(`${file}.${index + 1}`)));
      this.openedAt = this.options.now();
    })();
    return this.ready;
  }

  /** Whether the live file has been open for `intervalMs` and holds something. */
  isDueByTime(intervalMs: number | undefined): boolean {
    return intervalMs !== undefined && intervalMs > 0 && this.currentSize > 0 && this.options.now() - this.openedAt >= intervalMs;
  }

  async append(data: Uint8Array, bytes: number): Promise<void> {
    const now = this.options.now();
    if (this.handle !== undefined && now - this.handleOpenedAt >= reopenAfterMs) await this.close();
    if (this.handle === undefined) {
      this.handle = await this.options.fs.openForAppend(this.options.file);
      this.handleOpenedAt = now;
    }
    await this.handle.append(data);
    this.currentSize += bytes;
  }

  /** Closes the live file (it is opened again by the next append). */
  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  async rotate(): Promise<void> {
    const { fs, file, maxFiles } = this.options;
    if (this.currentSize === 0) return;
    await this.close();
    if (this.rotated[maxFiles - 1] !== undefined) await fs.unlink(`${file}.${maxFiles}`);
    for (let index = maxFiles - 1; index >= 1; index -= 1) {
      if (this.rotated[index - 1] !== undefined) await fs.rename(`${file}.${index}`, `${file}.${index + 1}`);
    }
    await fs.rename(file, `${file}.1`);
    this.rotated = [this.currentSize, ...this.rotated].slice(0, maxFiles);
    this.currentSize = 0;
    this.openedAt = this.options.now();
  }

  /** Deletes the oldest files until `bytes` more fit under the total cap. */
  async makeRoom(bytes: number): Promise<void> {
    const { fs, file, totalMaxBytes } = this.options;
    while (this.total() + bytes > totalMaxBytes) {
      const oldest = this.rotated.findLastIndex((size) => size !== undefined);
      if (oldest !== -1) {
        await fs.unlink(`${file}.${oldest + 1}`);
        this.rotated[oldest] = undefined;
      } else if (this.currentSize > 0) {
        await this.rotate();
      } else {
        return;
      }
    }
  }

  /** Forgets what it knew about the files, after an I/O error left them in an unknown state. */
  reset(): void {
    this.ready = undefined;
    void this.close().catch(() => undefined);
  }

  private total(): number {
    return this.rotated.reduce<number>((sum, size) => sum + (size ?? 0), this.currentSize);
  }
}
