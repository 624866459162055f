/** A real local SMTP server (smtp-server) with AUTH: records envelope, login and the parsed message; replies can be scripted. */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { from: string; to: string[]; user: string | null; mail: ParsedMail };

export class SmtpReceiver {
  readonly mails: ReceivedMail[] = [];
  /** Failing replies for the next DATA commands, in order (e.g. 451, 550). */
  private replies: { code: number; text: string }[] = [];
  private waiters: { match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] = [];
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(user: string, password: string): Promise<SmtpReceiver> {
    let receiver: SmtpReceiver | null = null;
    const server = new SMTPServer({
      authMethods: ["PLAIN", "LOGIN"],
      authOptional: false,
      allowInsecureAuth: true, // plain TCP on loopback: the test has no certificate
      disabledCommands: ["STARTTLS"],
      logger: false,
      onAuth(auth, _session, cb) {
        if (auth.username === user && auth.password === password) return cb(null, { user: auth.username });
        return cb(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
      },
      onData(stream, session, cb) {
        void simpleParser(stream).then((mail) => {
          const reply = receiver!.replies.shift();
          if (reply) return cb(Object.assign(new Error(reply.text), { responseCode: reply.code }));
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          const record: ReceivedMail = { from, to: session.envelope.rcptTo.map((r) => r.address), user: (session.user as string | undefined) ?? null, mail };
          receiver!.mails.push(record);
          receiver!.waiters = receiver!.waiters.filter((w) => (w.match(record) ? (w.resolve(record), false) : true));
          cb();
        }, cb);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    receiver = new SmtpReceiver(server, (server.server.address() as AddressInfo).port);
    return receiver;
  }

  failNext(code: number, text: string): void {
    this.replies.push({ code, text });
  }

  next(match: (m: ReceivedMail) => boolean, timeoutMs = 15_000): Promise<ReceivedMail> {
    const seen = this.mails.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching mail within ${timeoutMs} ms (got ${this.mails.length})`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
