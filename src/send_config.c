/* send_config.c - the distribution: section of monitor.yaml (send.h):
 * the schema as data, then the rules a table cannot say (credentials
 * never in the file, never in clear; partners kept apart). */
#include "send.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mail.h"
#include "schema.h"
#include "banned.h"

static const char *const tls_names[] = { "starttls", "implicit", "none",
					 NULL };

static int check_port(const struct ydoc_node *n, const void *field,
		      const char **why)
{
	long v = *(const long *)field;

	(void)n;
	if (v < 0 || v > 65535) {
		*why = "must be a TCP port (1 to 65535)";
		return -1;
	}
	return 0;
}

static int check_count(const struct ydoc_node *n, const void *field,
		       const char **why)
{
	long v = *(const long *)field;

	(void)n;
	if (v < 1 || v > 100000) {
		*why = "must be between 1 and 100000";
		return -1;
	}
	return 0;
}

static int check_retries(const struct ydoc_node *n, const void *field,
			 const char **why)
{
	long v = *(const long *)field;

	(void)n;
	if (v < 0 || v > 20) {
		*why = "must be between 0 and 20";
		return -1;
	}
	return 0;
}

static int check_seconds(const struct ydoc_node *n, const void *field,
			 const char **why)
{
	double v = *(const double *)field;

	(void)n;
	if (!(v >= 0 && v <= 86400)) {
		*why = "must be between 0 and 86400 seconds";
		return -1;
	}
	return 0;
}

static int check_timeout(const struct ydoc_node *n, const void *field,
			 const char **why)
{
	long v = *(const long *)field;

	(void)n;
	if (v < 1 || v > 3600) {
		*why = "must be between 1 and 3600 seconds";
		return -1;
	}
	return 0;
}

static int check_addr(const struct ydoc_node *n, const void *field,
		      const char **why)
{
	(void)n;
	if (!mail_addr_valid(*(char *const *)field)) {
		*why = "not an email address (local@domain)";
		return -1;
	}
	return 0;
}

static int no_space(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7F || *s == '<' ||
		    *s == '>' || *s == '"')
			return 0;
	return 1;
}

static int check_url(const struct ydoc_node *n, const void *field,
		     const char **why)
{
	const char *s = *(char *const *)field;

	(void)n;
	if ((strncmp(s, "https://", 8) && strncmp(s, "http://", 7)) ||
	    !no_space(s)) {
		*why = "must be an http:// or https:// URL without spaces";
		return -1;
	}
	return 0;
}

static int check_unsubscribe(const struct ydoc_node *n, const void *field,
			     const char **why)
{
	const char *s = *(char *const *)field;

	(void)n;
	if ((strncmp(s, "https://", 8) && strncmp(s, "mailto:", 7)) ||
	    !no_space(s) || strlen(s) > 900) {
		*why = "must be an https:// URL or a mailto: address";
		return -1;
	}
	return 0;
}

static int check_host(const struct ydoc_node *n, const void *field,
		      const char **why)
{
	const char *s = *(char *const *)field;

	(void)n;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '-' ||
		      *s == ':' || *s == '[' || *s == ']')) {
			*why = "must be a host name or IP address";
			return -1;
		}
	return 0;
}

static int check_env(const struct ydoc_node *n, const void *field,
		     const char **why)
{
	const char *s = *(char *const *)field;

	(void)n;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '_')) {
			*why = "must be the name of an environment variable "
			       "(letters, digits, '_')";
			return -1;
		}
	return 0;
}

#define F SCHEMA_F

static const struct schema_field smtp_fields[] = {
	F(send_smtp_cfg, "host", SCHEMA_STRING, host,
	  SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, NULL, NULL, check_host,
	  253),
	F(send_smtp_cfg, "port", SCHEMA_INT, port, 0, "0", NULL, NULL,
	  check_port, 0),
	F(send_smtp_cfg, "tls", SCHEMA_ENUM, tls, 0, "starttls", NULL,
	  tls_names, NULL, 0),
	F(send_smtp_cfg, "ca_file", SCHEMA_PATH, ca_file, 0, NULL, NULL,
	  NULL, NULL, 0),
	F(send_smtp_cfg, "username", SCHEMA_STRING, username,
	  SCHEMA_NONEMPTY, NULL, NULL, NULL, NULL, 200),
	F(send_smtp_cfg, "password_file", SCHEMA_PATH, password_file, 0,
	  NULL, NULL, NULL, NULL, 0),
	F(send_smtp_cfg, "password_env", SCHEMA_STRING, password_env,
	  SCHEMA_NONEMPTY, NULL, NULL, NULL, check_env, 100),
	F(send_smtp_cfg, "timeout_s", SCHEMA_INT, timeout_s, 0, "60", NULL,
	  NULL, check_timeout, 0),
};
static const struct schema smtp_schema = SCHEMA_OF(send_smtp_cfg,
						    smtp_fields);

static const struct schema_field list_fields[] = {
	/* required when the list is given (check_lists): an absent list
	 * is bound with defaults */
	F(send_list_cfg, "recipients", SCHEMA_PATH, recipients,
	  SCHEMA_NONEMPTY, NULL, NULL, NULL, NULL, 0),
	F(send_list_cfg, "attach", SCHEMA_BOOL, attach, 0, "true", NULL,
	  NULL, NULL, 0),
	F(send_list_cfg, "public_url", SCHEMA_STRING, public_url, 0, NULL,
	  NULL, NULL, check_url, 2000),
};
static const struct schema list_schema = SCHEMA_OF(send_list_cfg,
						    list_fields);

static const struct schema_field dist_fields[] = {
	F(send_config, "smtp", SCHEMA_MAP, smtp, SCHEMA_REQUIRED, NULL,
	  &smtp_schema, NULL, NULL, 0),
	F(send_config, "from", SCHEMA_STRING, from, SCHEMA_REQUIRED, NULL,
	  NULL, NULL, check_addr, 254),
	F(send_config, "from_name", SCHEMA_STRING, from_name, 0, NULL, NULL,
	  NULL, NULL, 200),
	F(send_config, "reply_to", SCHEMA_STRING, reply_to, 0, NULL, NULL,
	  NULL, check_addr, 254),
	F(send_config, "reply_to_name", SCHEMA_STRING, reply_to_name, 0,
	  NULL, NULL, NULL, NULL, 200),
	F(send_config, "list_unsubscribe", SCHEMA_STRING, list_unsubscribe,
	  0, NULL, NULL, NULL, check_unsubscribe, 0),
	F(send_config, "batch_size", SCHEMA_INT, batch_size, 0, "50", NULL,
	  NULL, check_count, 0),
	F(send_config, "batch_pause_s", SCHEMA_NUMBER, batch_pause_s, 0,
	  "10", NULL, NULL, check_seconds, 0),
	F(send_config, "retries", SCHEMA_INT, retries, 0, "3", NULL, NULL,
	  check_retries, 0),
	F(send_config, "retry_delay_s", SCHEMA_NUMBER, retry_delay_s, 0,
	  "30", NULL, NULL, check_seconds, 0),
	F(send_config, "public", SCHEMA_MAP, public_list, 0, NULL,
	  &list_schema, NULL, NULL, 0),
	F(send_config, "partners", SCHEMA_MAP, partners, 0, NULL,
	  &list_schema, NULL, NULL, 0),
};
static const struct schema dist_schema = SCHEMA_OF(send_config,
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

static void check_lists(struct schema_ctx *cx, struct send_config *sc,
			const struct ydoc_node *d)
{
	const struct send_list_cfg *pub = &sc->public_list;
	const struct send_list_cfg *par = &sc->partners;
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

static void check_smtp(struct schema_ctx *cx, struct send_config *sc,
		       const struct ydoc_node *d)
{
	const struct send_smtp_cfg *s = &sc->smtp;
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
	if (s->tls == SEND_TLS_NONE && s->username)
		schema_error(cx, at_key(sn, "tls"), "'tls: none' sends the "
			     "password in clear: use starttls or implicit "
			     "(none is for a local relay without login)");
}

int send_config_load(const struct config *cfg, struct send_config *sc,
		     struct eim_error *err)
{
	const struct ydoc_node *d = cfg->distribution;
	const struct ydoc_node *smtp;
	struct schema_ctx cx;

	memset(sc, 0, sizeof(*sc));
	sc->file = cfg->path;
	memset(&cx, 0, sizeof(cx));
	cx.file = cfg->path;
	cx.base_dir = strcmp(cfg->dir, ".") == 0 ? NULL : cfg->dir;
	cx.err = err;
	if (!d || ydoc_is_null(d))
		return eim_error_set(err, EIM_DATA, cfg->path, 0, 0,
				     "no 'distribution:' section: eimon send "
				     "needs the SMTP server, the sender and "
				     "the recipient lists (docs/"
				     "configuration.md)");
	if (d->type != YDOC_MAP)
		return schema_error(&cx, d, "'distribution' must be a "
				    "mapping, not %s",
				    ydoc_type_name(d->type));
	/* a secret in monitor.yaml would be in every copy and backup of
	 * it: refuse the key outright rather than "unknown key" */
	smtp = ydoc_get(d, "smtp");
	if (smtp && smtp->type == YDOC_MAP && ydoc_get(smtp, "password"))
		return schema_error(&cx, ydoc_get(smtp, "password"),
				    "passwords never go in monitor.yaml: "
				    "use password_file or password_env");
	if (schema_bind(&cx, &dist_schema, d, sc))
		return -1;
	check_smtp(&cx, sc, d);
	check_lists(&cx, sc, d);
	if (sc->smtp.port == 0)
		sc->smtp.port = sc->smtp.tls == SEND_TLS_IMPLICIT ? 465
				: sc->smtp.tls == SEND_TLS_STARTTLS ? 587
								    : 25;
	return cx.nerrors ? -1 : 0;
}

void send_config_release(struct send_config *sc)
{
	schema_release(&dist_schema, sc);
	memset(sc, 0, sizeof(*sc));
}
