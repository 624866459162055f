/** Keeps the last `maxChars` characters of a stream and counts everything that passed through. */
export class OutputTail {
  private text = "";
  totalChars = 0;

  constructor(private readonly maxChars: number) {}

  push(chunk: string): void {
    this.totalChars += chunk.length;
    this.text = (this.text + chunk).slice(-this.maxChars);
  }

  get truncated(): boolean {
    return this.totalChars > this.text.length;
  }

  /** The kept tail, with a first line saying how much was dropped when it was. */
  render(): string {
    if (!this.truncated) return this.text;
    const note = `[cockpit-agent: output truncated; ${this.totalChars - this.text.length} earlier characters dropped]\n`;
    return note + this.text.slice(note.length);
  }
}
