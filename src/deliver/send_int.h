/* send_int.h - what the files of `eimon send` share (send.c,
 * send_list.c, send_log.c, send_body.c, send_smtp.c); not a public
 * interface. */
#ifndef EIMON_SEND_INT_H
#define EIMON_SEND_INT_H

#include <stddef.h>
#include <time.h>

#include "error.h"
#include "send.h"
#include "sha256.h"
#include "strbuf.h"
#include "summary.h"

/* ---- the edition folder (send_edition.c) ------------------------------- */

/* One edition file as sent. */
struct sent_file {
	const char *name;
	char *data;
	size_t len;
	char sha[SHA256_HEX_LEN];
};

struct edition_dir {
	char dir[EIM_PATH_MAX];
	char week[16];
	struct edition_summary sum;
	struct sent_file pub, par; /* par.data NULL: no partners edition */
	time_t date;
};

/* Load OUT/YYYY-Www for week: the manifest first brought up to date
 * with the send log, every output checked against it, then summary.json
 * and the PDFs. EIM_NOINPUT when the week was not built, EIM_DATA when
 * the folder does not match its manifest. Release in every case. */
int send_edition_load(const struct period *week, const char *out_dir,
		      struct edition_dir *e, struct eim_error *err);
void send_edition_release(struct edition_dir *e);

/* ---- recipient lists (send_list.c) ------------------------------------ */

/* One line of a list file: "addr", "Name <addr>" or "\"Name\" <addr>";
 * blank lines and lines starting with '#' are skipped. */
struct send_rcpt {
	char *addr;   /* as written */
	char *key;    /* lower case: how addresses are compared */
	char *name;   /* UTF-8 display name, or NULL */
	int line;
};

struct send_rcpts {
	struct send_rcpt *v;
	size_t n, cap;
};

/* Read a list file. An address given twice counts once. EIM_NOINPUT when
 * the file is missing, EIM_DATA (file:line:col) for a bad line. */
int send_list_load(const char *path, struct send_rcpts *out,
		   struct eim_error *err);
const struct send_rcpt *send_list_find(const struct send_rcpts *l,
				       const char *key);
void send_list_release(struct send_rcpts *l);

/* ---- the send log (send_log.c) ------------------------------------------ */

struct send_log_entry {
	char *address;     /* key (lower case) */
	char *list;        /* "public" or "partners" */
	char *file;        /* "monitor.pdf" */
	char sha256[65];   /* of that file */
	char *at;          /* "2026-11-20T07:00:03Z" */
	char *message_id;
};

struct send_log {
	char *edition;
	struct send_log_entry *v;
	size_t n, cap;
};

/* Read DIR/send-log.json; a missing one is an empty log. */
int send_log_read(const char *dir, const char *week, struct send_log *log,
		  struct eim_error *err);
const struct send_log_entry *send_log_find(const struct send_log *log,
					   const char *address,
					   const char *list);
/* Add (or replace, for the same address and list) an entry. */
void send_log_put(struct send_log *log, const struct send_log_entry *e);
/* Write DIR/send-log.json atomically, then list it (sha256, size) in
 * DIR/manifest.json, rewritten atomically. */
int send_log_write(const char *dir, const struct send_log *log,
		   struct eim_error *err);
/* Make manifest.json list the log as it is on disk (repairs a run killed
 * between the two writes). No log: nothing. */
int send_log_sync_manifest(const char *dir, struct eim_error *err);
void send_log_release(struct send_log *log);

/* ---- the message (send_body.c) ------------------------------------------ */

struct send_body_in {
	const struct edition_summary *sum;
	int partners;          /* the partners edition */
	const char *url;       /* link to the edition, or NULL */
	const char *attached;  /* attachment file name, or NULL */
	const char *unsubscribe; /* or NULL */
};

/* The subject, plain text and HTML of a message (appended). */
int send_body(const struct send_body_in *in, struct strbuf *subject,
	      struct strbuf *text, struct strbuf *html);

/* ---- SMTP with libcurl (send_smtp.c) ------------------------------------ */

enum smtp_outcome {
	SMTP_SENT = 0,
	SMTP_DEFERRED,     /* 4xx for this recipient: retry later */
	SMTP_TEMPORARY,    /* dropped or stalled connection: retry */
	SMTP_NOCONNECT,    /* connection refused: retry, then "unavailable" */
	SMTP_REJECTED,     /* 5xx for this recipient */
	SMTP_UNAVAILABLE,  /* no connection, no STARTTLS, bad certificate */
	SMTP_REFUSED       /* login or sender refused: a config problem */
};

struct smtp_session;

/* A session (one connection, made at the first message). password may be
 * NULL. EIM_SOFTWARE when libcurl cannot be loaded. */
int smtp_open(const struct dist_smtp *c, const char *password,
	      struct smtp_session **out, struct eim_error *err);
/* Send one message to one recipient; why receives the server's or
 * libcurl's reason on failure. */
enum smtp_outcome smtp_send(struct smtp_session *s, const char *from,
			    const char *to, const char *msg, size_t len,
			    char *why, size_t whylen);
/* The password of s (password_env, else password_file; NULL without a
 * login) into *out (caller frees, after wiping: smtp_password_free).
 * config names monitor.yaml in messages. EIM_DATA / EIM_NOINPUT. */
int smtp_password(const struct dist_smtp *s, const char *config,
		  char **out, struct eim_error *err);
void smtp_password_free(char *pw);
/* Close the connection (QUIT) and free. NULL is fine. */
void smtp_close(struct smtp_session *s);

#endif
