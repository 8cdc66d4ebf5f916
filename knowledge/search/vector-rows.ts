// The documents' vectors in document order, for the exact search within a plan (VectorIndex.searchRanges):
// read from a file beside the saved graph (one Float32 row per document), a range at a time, so a
// serving process holds no second copy of the vectors that the hnswlib graph already keeps
// (graph.getPoint costs ~50 µs a vector: too slow for a plan's few hundred). Without an index
// folder (tests, tools) the rows stay in memory.
import { closeSync, fstatSync, openSync, readSync, renameSync } from "node:fs";
import { writeAll } from "./persist";

export interface VectorRows {
  /** Rows of documents [from, to), dims floats each; valid until the next call. */
  read(from: number, to: number): Float32Array;
}

export class MemoryRows implements VectorRows {
  constructor(
    private readonly rows: Float32Array,
    private readonly dims: number,
  ) {}

  read(from: number, to: number): Float32Array {
    return this.rows.subarray(from * this.dims, to * this.dims);
  }
}

export class FileRows implements VectorRows {
  private buf = new Float32Array(0);

  private constructor(
    private readonly fd: number,
    private readonly dims: number,
  ) {}

  /** The rows file of `count` documents; throws when its size says otherwise. */
  static open(file: string, count: number, dims: number): FileRows {
    const fd = openSync(file, "r");
    const size = fstatSync(fd).size;
    if (size !== count * dims * 4) {
      closeSync(fd);
      throw new Error(`${file} holds ${size} bytes, not ${count} vectors of ${dims}`);
    }
    // Kept open for the process's life: a later save replaces the file by rename, this one stays readable.
    return new FileRows(fd, dims);
  }

  read(from: number, to: number): Float32Array {
    const n = (to - from) * this.dims;
    if (this.buf.length < n) this.buf = new Float32Array(n);
    const bytes = new Uint8Array(this.buf.buffer, 0, n * 4);
    for (let at = 0; at < bytes.length; ) {
      const got = readSync(this.fd, bytes, at, bytes.length - at, from * this.dims * 4 + at);
      if (got === 0) throw new Error("vector rows file is truncated");
      at += got;
    }
    return this.buf.subarray(0, n);
  }
}

/** Writes rows in order to `<file>.tmp` (buffered); commit() renames it into place. */
export class RowsWriter {
  private readonly fd: number;
  private readonly chunk: Float32Array;
  private used = 0;

  constructor(
    private readonly file: string,
    private readonly dims: number,
  ) {
    this.fd = openSync(`${file}.tmp`, "w", 0o600);
    this.chunk = new Float32Array(1024 * dims);
  }

  write(row: ArrayLike<number>): void {
    if (row.length !== this.dims) throw new Error(`a vector of ${row.length} dimensions in rows of ${this.dims}`);
    if (this.used + this.dims > this.chunk.length) this.flush();
    this.chunk.set(row, this.used);
    this.used += this.dims;
  }

  private flush(): void {
    writeAll(this.fd, new Uint8Array(this.chunk.buffer, 0, this.used * 4));
    this.used = 0;
  }

  commit(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(`${this.file}.tmp`, this.file);
  }

  abort(): void {
    closeSync(this.fd);
  }
}
