#!/usr/bin/env python3
"""Parse back the messages tests/smtp_server.py saved and check them
against the edition they were sent from (t71-send). Prints TAP lines.

    mail_check.py list MAILDIR
        one line per message: "RCPT EDITION ATTACHMENT" where EDITION is
        public or partners (by subject) and ATTACHMENT the file name or -
    mail_check.py check MAILDIR EDITION_DIR
        every message: headers (From, To, Subject, Date, Message-ID,
        MIME-Version), lines of at most 78 characters ending in CRLF, a
        multipart/alternative with text/plain and text/html that carry
        the title, issue, date, lead and headlines of summary.json, the
        attached PDF byte for byte the published one (partners PDF for
        partners messages, never in a public one)
"""
import email
import email.policy
import html as html_mod
import json
import os
import sys


def messages(d):
    for name in sorted(os.listdir(d)):
        if name.endswith(".eml") and name[0].isdigit():
            with open(os.path.join(d, name[:-4] + ".json")) as f:
                env = json.load(f)
            with open(os.path.join(d, name), "rb") as f:
                raw = f.read()
            yield name, env, raw, email.message_from_bytes(
                raw, policy=email.policy.default)


def kind(msg):
    return "partners" if msg["Subject"].startswith("[Partners only]") \
        else "public"


def attachment(msg):
    for part in msg.iter_attachments():
        return part.get_filename(), part.get_content()
    return None, None


def cmd_list(d):
    for name, env, raw, msg in messages(d):
        fname, _ = attachment(msg)
        print(env["rcpt_tos"][0], kind(msg), fname or "-")


def cmd_check(d, ed):
    with open(os.path.join(ed, "summary.json")) as f:
        summ = json.load(f)
    pdf = {}
    for f in ("monitor.pdf", "monitor-partners.pdf"):
        p = os.path.join(ed, f)
        if os.path.exists(p):
            with open(p, "rb") as fh:
                pdf[f] = fh.read()
    fails = 0

    def ok(cond, what):
        nonlocal fails
        print(("ok - " if cond else "not ok - ") + what)
        if not cond:
            fails += 1

    n = 0
    for name, env, raw, msg in messages(d):
        n += 1
        k = kind(msg)
        lines = raw.split(b"\r\n")
        ok(all(len(l) <= 78 for l in lines) and b"\n" not in
           raw.replace(b"\r\n", b""), name + ": lines <= 78, CRLF only")
        for h in ("From", "To", "Subject", "Date", "Message-ID",
                  "MIME-Version", "List-Unsubscribe"):
            ok(msg[h] is not None, name + ": header " + h)
        ok(msg["To"].addresses[0].addr_spec == env["rcpt_tos"][0],
           name + ": To is the envelope recipient")
        ok(summ["title"] in msg["Subject"] and str(summ["issue"]) in
           msg["Subject"] and summ["date_text"] in msg["Subject"],
           name + ": subject has title, issue and date")
        d0 = summ["published"]
        ok(msg["Date"].datetime.strftime("%Y-%m-%d") == d0,
           name + ": Date is the publication date " + d0)
        plain = msg.get_body(("plain",))
        html = msg.get_body(("html",))
        ok(plain is not None and html is not None,
           name + ": text and HTML parts")
        text = plain.get_content()
        htm = html.get_content()
        hu = html_mod.unescape(htm)
        for what, s in (("title", summ["title"]),
                        ("lead", summ["lead"][:60]),
                        ("first headline", summ["headlines"][0][:60]),
                        ("last headline", summ["headlines"][-1][-40:])):
            words = " ".join(s.split())
            ok(words in " ".join(text.split()) and
               words in " ".join(hu.split()),
               name + ": text and HTML carry the " + what)
        fname, data = attachment(msg)
        want = "monitor-partners.pdf" if k == "partners" and \
            "monitor-partners.pdf" in pdf else "monitor.pdf"
        ok(data == pdf[want], name + ": attachment %s is %s byte for byte"
           % (fname, want))
        if k == "public":
            part = pdf.get("monitor-partners.pdf")
            ok((part is None or data != part) and
               b"monitor-partners" not in raw and
               "Partners only" not in text,
               name + ": a public message carries nothing of partners")
    ok(n > 0, "there were messages to check")
    return fails


if __name__ == "__main__":
    if sys.argv[1] == "list":
        cmd_list(sys.argv[2])
    else:
        sys.exit(1 if cmd_check(sys.argv[2], sys.argv[3]) else 0)
