/* distribution.h - the distribution: section of monitor.yaml, which says
 * how `eimon send` (send.h) mails each edition: the SMTP server, the
 * sender and the recipient lists. Bound by config_load like every other
 * key (config.h embeds it); the rules between keys, and the files they
 * name, are checked by distribution_check when a send needs them.
 *
 * Ownership: part of struct config; config_free releases it. */
#ifndef EIMON_DISTRIBUTION_H
#define EIMON_DISTRIBUTION_H

#include "error.h"
#include "schema.h"

enum dist_tls { DIST_TLS_STARTTLS, DIST_TLS_IMPLICIT, DIST_TLS_NONE };

struct dist_list {
	char *recipients;   /* the list file (resolved path); NULL: no list */
	int attach;         /* attach the PDF */
	char *public_url;   /* link to the edition; "{week}" is replaced */
};

struct dist_smtp {
	char *host;
	long port;          /* 0: 465 implicit, 587 starttls, 25 none */
	int tls;            /* enum dist_tls */
	char *ca_file;
	char *username;
	char *password_file;
	char *password_env;
	const struct ydoc_node *password; /* refused when given */
	long timeout_s;
};

struct config_distribution {
	struct dist_smtp smtp;
	char *from;
	char *from_name;
	char *reply_to;
	char *reply_to_name;
	char *list_unsubscribe; /* https:// URL or mailto: address */
	long batch_size;
	double batch_pause_s;
	long retries;
	double retry_delay_s;
	struct dist_list public_list;
	struct dist_list partners;
};

/* The schema of the section (config.c binds it under "distribution"). */
extern const struct schema distribution_schema;

struct config;
/* The rules a table cannot say: a section at all, a host and a sender,
 * credentials never in clear, at least one list, each list carrying the
 * edition, the partners list never the public one. EIM_DATA with the
 * position in monitor.yaml. */
int distribution_check(const struct config *cfg, struct eim_error *err);
/* The port, with the default of the TLS mode when none is given. */
long distribution_port(const struct dist_smtp *s);

#endif
