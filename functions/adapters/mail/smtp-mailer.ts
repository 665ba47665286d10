import { createTransport } from 'nodemailer';
import type { Mailer } from '../../ports/events.js';

/** E-mail over SMTP (the local stack's maildev catcher). */
export const createSmtpMailer = (options: { host: string; port: number; from: string }): Mailer => {
  // maildev speaks plain SMTP on localhost: no TLS upgrade, no authentication.
  const transport = createTransport({ host: options.host, port: options.port, secure: false, ignoreTLS: true });
  return {
    async send({ to, subject, text }) {
      await transport.sendMail({ from: options.from, to, subject, text });
    },
  };
};
