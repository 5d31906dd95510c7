/* distribution.c - the distribution: section of monitor.yaml
 * (distribution.h): the schema as data, then the rules a table cannot say
 * (credentials never in the file, never in clear; partners kept apart). */
#include "distribution.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "mail.h"
#include "banned.h"

static const char *const tls_names[] = { "starttls", "implicit", "none",
					 NULL };

SCHEMA_RANGE_CHECK(check_port, long, 0, 65535,
		   "must be a TCP port (1 to 65535)")
SCHEMA_RANGE_CHECK(check_count, long, 1, 100000,
		   "must be between 1 and 100000")
SCHEMA_RANGE_CHECK(check_retries, long, 0, 20, "must be between 0 and 20")
SCHEMA_RANGE_CHECK(check_seconds, double, 0, 86400,
		   "must be between 0 and 86400 seconds")
SCHEMA_RANGE_CHECK(check_timeout, long, 1, 3600,
		   "must be between 1 and 3600 seconds")

SCHEMA_STRING_CHECK(check_addr, mail_addr_valid(s),
		    "not an email address (local@domain)")

static int no_space(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7F || *s == '<' ||
		    *s == '>' || *s == '"')
			return 0;
	return 1;
}

SCHEMA_STRING_CHECK(check_url,
		    (!strncmp(s, "https://", 8) || !strncmp(s, "http://", 7)) &&
		    no_space(s),
		    "must be an http:// or https:// URL without spaces")
SCHEMA_STRING_CHECK(check_unsubscribe,
		    (!strncmp(s, "https://", 8) || !strncmp(s, "mailto:", 7)) &&
		    no_space(s) && strlen(s) <= 900,
		    "must be an https:// URL or a mailto: address")
SCHEMA_STRING_CHECK(check_host, schema_only_chars(s, SCHEMA_ALNUM ".-:[]"),
		    "must be a host name or IP address")
SCHEMA_STRING_CHECK(check_env, schema_only_chars(s, SCHEMA_ALNUM "_"),
		    "must be the name of an environment variable (letters, "
		    "digits, '_')")

static int check_no_password(const struct ydoc_node *n, const void *field,
			     const char **why)
{
	(void)n;
	(void)field;
	*why = "passwords never go in monitor.yaml: use password_file or "
	       "password_env";
	return -1;
}

#define F SCHEMA_F

static const struct schema_field smtp_fields[] = {
	/* host and from are required when the section is given: an
	 * absent section is bound with defaults (distribution_check) */
	F(dist_smtp, "host", SCHEMA_STRING, host, SCHEMA_NONEMPTY, NULL,
	  NULL, NULL, check_host, 253),
	F(dist_smtp, "port", SCHEMA_INT, port, 0, "0", NULL, NULL,
	  check_port, 0),
	F(dist_smtp, "tls", SCHEMA_ENUM, tls, 0, "starttls", NULL,
	  tls_names, NULL, 0),
	F(dist_smtp, "ca_file", SCHEMA_PATH, ca_file, 0, NULL, NULL,
	  NULL, NULL, 0),
	F(dist_smtp, "username", SCHEMA_STRING, username,
	  SCHEMA_NONEMPTY, NULL, NULL, NULL, NULL, 200),
	F(dist_smtp, "password_file", SCHEMA_PATH, password_file, 0,
	  NULL, NULL, NULL, NULL, 0),
	F(dist_smtp, "password_env", SCHEMA_STRING, password_env,
	  SCHEMA_NONEMPTY, NULL, NULL, NULL, check_env, 100),
	F(dist_smtp, "timeout_s", SCHEMA_INT, timeout_s, 0, "60", NULL,
	  NULL, check_timeout, 0),
	/* a secret in monitor.yaml is in every copy and backup of it: the
	 * key is known, to be refused with the way to do it */
	F(dist_smtp, "password", SCHEMA_NODE, password, 0, NULL, NULL, NULL,
	  check_no_password, 0),
};
static const struct schema smtp_schema = SCHEMA_OF(dist_smtp,
						    smtp_fields);

static const struct schema_field list_fields[] = {
	/* required when the list is given (check_lists): an absent list
	 * is bound with defaults */
	F(dist_list, "recipients", SCHEMA_PATH, recipients,
	  SCHEMA_NONEMPTY, NULL, NULL, NULL, NULL, 0),
	F(dist_list, "attach", SCHEMA_BOOL, attach, 0, "true", NULL,
	  NULL, NULL, 0),
	F(dist_list, "public_url", SCHEMA_STRING, public_url, 0, NULL,
	  NULL, NULL, check_url, 2000),
};
static const struct schema list_schema = SCHEMA_OF(dist_list,
						    list_fields);

static const struct schema_field dist_fields[] = {
	F(config_distribution, "smtp", SCHEMA_MAP, smtp, 0, NULL,
	  &smtp_schema, NULL, NULL, 0),
	F(config_distribution, "from", SCHEMA_STRING, from, 0, NULL, NULL,
	  NULL, check_addr, 254),
	F(config_distribution, "from_name", SCHEMA_STRING, from_name, 0, NULL, NULL,
	  NULL, NULL, 200),
	F(config_distribution, "reply_to", SCHEMA_STRING, reply_to, 0, NULL, NULL,
	  NULL, check_addr, 254),
	F(config_distribution, "reply_to_name", SCHEMA_STRING, reply_to_name, 0,
	  NULL, NULL, NULL, NULL, 200),
	F(config_distribution, "list_unsubscribe", SCHEMA_STRING, list_unsubscribe,
	  0, NULL, NULL, NULL, check_unsubscribe, 0),
	F(config_distribution, "batch_size", SCHEMA_INT, batch_size, 0, "50", NULL,
	  NULL, check_count, 0),
	F(config_distribution, "batch_pause_s", SCHEMA_NUMBER, batch_pause_s, 0,
	  "10", NULL, NULL, check_seconds, 0),
	F(config_distribution, "retries", SCHEMA_INT, retries, 0, "3", NULL, NULL,
	  check_retries, 0),
	F(config_distribution, "retry_delay_s", SCHEMA_NUMBER, retry_delay_s, 0,
	  "30", NULL, NULL, check_seconds, 0),
	F(config_distribution, "public", SCHEMA_MAP, public_list, 0, NULL,
	  &list_schema, NULL, NULL, 0),
	F(config_distribution, "partners", SCHEMA_MAP, partners, 0, NULL,
	  &list_schema, NULL, NULL, 0),
};
const struct schema distribution_schema = SCHEMA_OF(config_distribution,
						     dist_fields);

static const struct ydoc_node *at_key(const struct ydoc_node *map,
				      const char *key)
{
	const struct ydoc_node *v = map ? ydoc_get(map, key) : NULL;
	return v ? v : map;
}

/* One file named as both lists (by path or by inode). */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, b) == 0)
		return 1;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static void check_lists(struct schema_ctx *cx, const struct config_distribution *sc,
			const struct ydoc_node *d)
{
	const struct dist_list *pub = &sc->public_list;
	const struct dist_list *par = &sc->partners;
	const struct ydoc_node *pn = at_key(d, "public");
	const struct ydoc_node *qn = at_key(d, "partners");

	if (ydoc_get(d, "public") && !pub->recipients)
		schema_error(cx, pn, "the public list needs 'recipients', "
			     "the file of its addresses");
	if (ydoc_get(d, "partners") && !par->recipients)
		schema_error(cx, qn, "the partners list needs 'recipients', "
			     "the file of its addresses");
	if (!pub->recipients && !par->recipients)
		schema_error(cx, d, "distribution needs a 'public' or a "
			     "'partners' list");
	if (pub->recipients && !pub->attach && !pub->public_url)
		schema_error(cx, pn, "the public list needs 'attach: true' "
			     "or a 'public_url' (else its message carries "
			     "no edition)");
	if (par->recipients && !par->attach && !par->public_url)
		schema_error(cx, qn, "the partners list needs 'attach: true' "
			     "or a 'public_url' (else its message carries "
			     "no edition)");
	if (pub->recipients && par->recipients &&
	    same_file(pub->recipients, par->recipients))
		schema_error(cx, at_key(qn, "recipients"),
			     "the public and partners editions point at one "
			     "list '%s': the partners edition must only reach "
			     "the partners list", par->recipients);
	if (pub->public_url &&
	    ((par->public_url && strcmp(pub->public_url, par->public_url) ==
					 0) ||
	     strstr(pub->public_url, "partners")))
		schema_error(cx, at_key(pn, "public_url"),
			     "the public list's public_url must not link the "
			     "partners edition");
}

static void check_smtp(struct schema_ctx *cx, const struct config_distribution *sc,
		       const struct ydoc_node *d)
{
	const struct dist_smtp *s = &sc->smtp;
	const struct ydoc_node *sn = at_key(d, "smtp");

	if (s->username && !s->password_file && !s->password_env)
		schema_error(cx, at_key(sn, "username"), "a username needs "
			     "password_file or password_env");
	if (!s->username && (s->password_file || s->password_env))
		schema_error(cx, sn, "password_file and password_env need a "
			     "username");
	if (s->password_file && s->password_env)
		schema_error(cx, at_key(sn, "password_env"), "give "
			     "password_file or password_env, not both");
	if (s->tls == DIST_TLS_NONE && s->username)
		schema_error(cx, at_key(sn, "tls"), "'tls: none' sends the "
			     "password in clear: use starttls or implicit "
			     "(none is for a local relay without login)");
}

int distribution_check(const struct config *cfg, struct eim_error *err)
{
	const struct ydoc_node *root = cfg->yaml ? cfg->yaml->root : NULL;
	const struct ydoc_node *d = root ? ydoc_get(root, "distribution")
					 : NULL;
	struct config_distribution *sc =
		(struct config_distribution *)&cfg->distribution;
	struct schema_ctx cx;

	memset(&cx, 0, sizeof(cx));
	cx.file = cfg->path;
	cx.err = err;
	if (!d || ydoc_is_null(d))
		return eim_error_set(err, EIM_DATA, cfg->path, 0, 0,
				     "no 'distribution:' section: eimon send "
				     "needs the SMTP server, the sender and "
				     "the recipient lists");
	if (!ydoc_get(d, "smtp") || !sc->smtp.host)
		schema_error(&cx, at_key(d, "smtp"), "distribution needs "
			     "'smtp' with at least 'host'");
	if (!sc->from)
		schema_error(&cx, d, "distribution needs 'from', the "
			     "sender's address");
	check_smtp(&cx, sc, d);
	check_lists(&cx, sc, d);
	return cx.nerrors ? -1 : 0;
}

long distribution_port(const struct dist_smtp *s)
{
	if (s->port)
		return s->port;
	return s->tls == DIST_TLS_IMPLICIT ? 465
	       : s->tls == DIST_TLS_STARTTLS ? 587 : 25;
}
