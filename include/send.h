/* send.h - `eimon send`: mail a published edition to its readers, once.
 *
 * The distribution: section of monitor.yaml (distribution.h) names the
 * SMTP server, the sender and two recipient lists in their own files: the public list gets
 * the public edition (monitor.pdf), the partners list the partners
 * edition (monitor-partners.pdf when the week has one, else the public
 * one). An address on both lists gets the partners edition only; a public
 * message never attaches or links a partners file; one file named as
 * both lists is refused.
 *
 * The message is built from the edition folder alone: summary.json (what
 * the build composed, summary.h) and the PDFs, each checked against
 * manifest.json first, so it describes exactly the edition published.
 *
 * Once and only once: OUT/YYYY-Www/send-log.json records every message
 * the server accepted (address, list, file and its sha256, time, Message-
 * ID). It is rewritten (atomically: temporary file, fsync, rename) after
 * each accepted message and listed in manifest.json, which is rewritten
 * the same way; a run sends only to addresses the log does not hold, so
 * a rerun after success sends nothing and a rerun after a failure part
 * way sends only to those left. `resend` ignores the log. Send holds the
 * output folder's lock (lock.h) throughout, so a build and a send never
 * write the folder at once; a rebuild keeps the log (publish_carry).
 *
 * Recipients go in batches (batch_size messages over one connection, then
 * batch_pause_s); a temporary failure (4xx, dropped or stalled
 * connection, refused connection) is retried up to `retries` times after
 * retry_delay_s, doubled each time. Errors (struct eim_error kinds):
 *   EIM_DATA        bad distribution config or list, authentication
 *                   refused, an address or the sender refused (5xx)
 *   EIM_NOINPUT     no edition for the week, a list or password file
 *   EIM_UNAVAILABLE the server cannot be reached, offers no STARTTLS, or
 *                   its certificate is not trusted
 *   EIM_TEMPFAIL    temporary failures left after the retries, or the
 *                   output folder is locked by a build
 * Nothing prints: dry runs write their plan to the FILE given. */
#ifndef EIMON_SEND_H
#define EIMON_SEND_H

#include <stdio.h>

#include "config.h"
#include "error.h"
#include "period.h"

#define SEND_LOG_NAME "send-log.json"

struct send_opts {
	const char *config;     /* monitor.yaml */
	struct period week;
	const char *out_dir;    /* NULL: the config's out_dir */
	int dry_run;            /* print the plan to `plan`, send nothing */
	int resend;             /* ignore the send log */
	FILE *plan;
};

/* What a run did (for the caller's messages). */
struct send_stats {
	unsigned sent, skipped, failed;
};

int send_edition(const struct send_opts *o, struct send_stats *st,
		 struct eim_warnings *w, struct eim_error *err);

#endif
