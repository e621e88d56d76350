import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// Where notifications land in tests: a real SMTP server (smtp-server, plain on loopback) and a local HTTP receiver
// for the signed webhook. Both keep what they received for the test to read.

export interface ReceivedMail {
  to: string[];
  /** The raw message: headers and body. */
  body: string;
}
export interface ReceivedHook {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface NotificationSinks {
  smtpPort: number;
  webhookUrl: string;
  mails: ReceivedMail[];
  hooks: ReceivedHook[];
  /** The receiver answers these statuses in turn, then 204. */
  failNext(...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startNotificationSinks(): Promise<NotificationSinks> {
  const mails: ReceivedMail[] = [];
  const hooks: ReceivedHook[] = [];
  const failures: number[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (c: Buffer) => (body += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const receiver: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const status = failures.shift() ?? 204;
      hooks.push({ status, body, headers: req.headers });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  return {
    smtpPort: (smtp.server.address() as AddressInfo).port,
    webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    mails,
    hooks,
    failNext: (...statuses) => failures.push(...statuses),
    close: async () => {
      await new Promise<void>((r) => smtp.close(() => r()));
      await new Promise<void>((r) => receiver.close(() => r()));
    },
  };
}
