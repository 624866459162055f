/** Batches a task's live output into task-log chunks: at most one frame per interval, each under the size limit. */
export class LogStreamer {
  private buffer = "";
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (seq: number, chunk: string) => void,
    private readonly intervalMs = 250,
    private readonly maxChunkChars = 60 * 1024,
    /** Output beyond this per interval is dropped from the live view (the final logs still carry the tail). */
    private readonly maxBufferedChars = 256 * 1024,
  ) {}

  push(text: string): void {
    if (this.buffer.length < this.maxBufferedChars) this.buffer += text.slice(0, this.maxBufferedChars - this.buffer.length);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.buffer.length > 0) {
      const chunk = this.buffer.slice(0, this.maxChunkChars);
      this.buffer = this.buffer.slice(chunk.length);
      this.send(this.seq++, chunk);
    }
  }
}
