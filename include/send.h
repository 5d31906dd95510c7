/* send.h - `eimon send`: mail a published edition to its readers, once.
 *
 * The distribution: section of monitor.yaml names the SMTP server, the
 * sender and two recipient lists in their own files: the public list gets
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

enum send_tls { SEND_TLS_STARTTLS, SEND_TLS_IMPLICIT, SEND_TLS_NONE };

struct send_list_cfg {
	char *recipients;   /* the list file (resolved path); NULL: no list */
	int attach;         /* attach the PDF */
	char *public_url;   /* link to the edition; "{week}" is replaced */
};

struct send_smtp_cfg {
	char *host;
	long port;          /* 0: 465 implicit, 587 starttls, 25 none */
	int tls;            /* enum send_tls */
	char *ca_file;
	char *username;
	char *password_file;
	char *password_env;
	long timeout_s;
};

struct send_config {
	struct send_smtp_cfg smtp;
	char *from;
	char *from_name;
	char *reply_to;
	char *reply_to_name;
	char *list_unsubscribe; /* https:// URL or mailto: address */
	long batch_size;
	double batch_pause_s;
	long retries;
	double retry_delay_s;
	struct send_list_cfg public_list;
	struct send_list_cfg partners;
	const char *file;       /* monitor.yaml, for messages */
};

/* Bind and check cfg->distribution. EIM_DATA (file:line:col) when it is
 * missing or wrong. Release with send_config_release in every case. */
int send_config_load(const struct config *cfg, struct send_config *out,
		     struct eim_error *err);
void send_config_release(struct send_config *sc);

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
