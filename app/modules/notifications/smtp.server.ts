import nodemailer from "nodemailer";
import type { Transport } from "./outbox.server";

/** An SMTP transport from a URL such as smtp://user:pass@mail.example:587. */
export function smtpTransport(url: string): Transport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transporter.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}
