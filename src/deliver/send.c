/* send.c - `eimon send` put together (send.h): check the edition folder
 * against its manifest, decide who is owed which edition, send in batches
 * with retries, and record each accepted message before the next. */
#include "send.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "atomic.h"
#include "lock.h"
#include "mail.h"
#include "manifest.h"
#include "publish.h"
#include "send_int.h"
#include "sha256.h"
#include "xalloc.h"
#include "banned.h"


/* One message owed: a recipient and the edition its list gets. */
struct job {
	const struct send_rcpt *r;
	const char *list_file;
	int partners;
	const struct dist_list *lc;
	const struct sent_file *f;
};

struct run {
	const struct send_opts *o;
	struct config *cfg;
	const struct config_distribution *sc;
	struct edition_dir ed;
	struct send_rcpts pub, par;
	struct send_log log;
	struct job *jobs;
	size_t njobs;
	char *password;
	struct out_lock lock;
};

/* ---- who gets what ------------------------------------------------------ */

static const char *list_name(int partners)
{
	return partners ? "partners" : "public";
}

static void add_job(struct run *r, const struct send_rcpt *rc, int partners)
{
	struct job *j;

	r->jobs = xreallocarray(r->jobs, r->njobs + 1, sizeof(*r->jobs));
	j = &r->jobs[r->njobs++];
	j->r = rc;
	j->partners = partners;
	j->lc = partners ? &r->sc->partners : &r->sc->public_list;
	j->list_file = j->lc->recipients;
	/* the partners list gets the partners edition when the week has
	 * one; a public message only ever gets the public file */
	j->f = partners && r->ed.par.data ? &r->ed.par : &r->ed.pub;
}

static int plan(struct run *r, struct eim_error *err)
{
	size_t i;

	if (r->sc->partners.recipients &&
	    send_list_load(r->sc->partners.recipients, &r->par, err))
		return -1;
	if (r->sc->public_list.recipients &&
	    send_list_load(r->sc->public_list.recipients, &r->pub, err))
		return -1;
	for (i = 0; i < r->par.n; i++)
		add_job(r, &r->par.v[i], 1);
	/* an address on both lists gets the partners edition only */
	for (i = 0; i < r->pub.n; i++)
		if (!send_list_find(&r->par, r->pub.v[i].key))
			add_job(r, &r->pub.v[i], 0);
	return 0;
}

/* The log's entry when j's recipient has had this edition (or, for the
 * public list, the partners edition), else NULL. */
static const struct send_log_entry *already_sent(const struct run *r,
						 const struct job *j)
{
	const struct send_log_entry *e =
		send_log_find(&r->log, j->r->key, list_name(j->partners));

	if (!e && !j->partners)
		e = send_log_find(&r->log, j->r->key, "partners");
	return e;
}

/* ---- messages --------------------------------------------------------- */

static void hex_of(const char *text, char *out, size_t n)
{
	char sha[SHA256_HEX_LEN];

	sha256_hex(text, strlen(text), sha);
	snprintf(out, n, "%.*s", (int)(n - 1), sha);
}

/* "{week}" in a list's public_url becomes the edition week. */
static void link_of(const struct dist_list *lc, const char *week,
		    char *buf, size_t size)
{
	const char *p = lc->public_url, *hit;
	size_t k = 0;

	buf[0] = '\0';
	while (p && (hit = strstr(p, "{week}")) != NULL) {
		k += (size_t)snprintf(buf + k, k < size ? size - k : 0,
				      "%.*s%s", (int)(hit - p), p, week);
		p = hit + 6;
	}
	if (p && k < size)
		snprintf(buf + k, size - k, "%s", p);
}

static int build_message(const struct run *r, const struct job *j,
			 const char *message_id, struct strbuf *msg,
			 struct eim_error *err)
{
	struct strbuf subject = STRBUF_INIT, text = STRBUF_INIT,
		      html = STRBUF_INIT;
	struct send_body_in in;
	struct mail_message m;
	struct mail_attachment a;
	struct mail_addr reply;
	char url[2100], fname[64], seed[25];
	int ret = -1;

	memset(&in, 0, sizeof(in));
	memset(&m, 0, sizeof(m));
	link_of(j->lc, r->ed.week, url, sizeof(url));
	snprintf(fname, sizeof(fname), "%s-%s.pdf",
		 j->f == &r->ed.par ? "monitor-partners" : "monitor",
		 r->ed.week);
	in.sum = &r->ed.sum;
	/* "Partners only" where the partners edition goes (a week without
	 * partners' notes sends the partners list the public one) */
	in.partners = j->f == &r->ed.par;
	in.url = url[0] ? url : NULL;
	in.attached = j->lc->attach ? fname : NULL;
	in.unsubscribe = r->sc->list_unsubscribe;
	if (send_body(&in, &subject, &text, &html)) {
		eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
			      "message too large");
		goto out;
	}
	m.from.addr = r->sc->from;
	m.from.name = r->sc->from_name;
	m.to.addr = j->r->addr;
	m.to.name = j->r->name;
	if (r->sc->reply_to) {
		reply.addr = r->sc->reply_to;
		reply.name = r->sc->reply_to_name;
		m.reply_to = &reply;
	}
	m.subject = subject.buf;
	m.date = r->ed.date;
	m.message_id = message_id;
	m.list_unsubscribe = r->sc->list_unsubscribe;
	m.text = text.buf;
	m.html = html.buf;
	if (j->lc->attach) {
		a.filename = fname;
		a.content_type = "application/pdf";
		a.data = (const unsigned char *)j->f->data;
		a.len = j->f->len;
		m.attachment = &a;
	}
	hex_of(message_id, seed, sizeof(seed));
	m.boundary_seed = seed;
	ret = mail_build(&m, msg, err);
out:
	strbuf_release(&subject);
	strbuf_release(&text);
	strbuf_release(&html);
	return ret;
}

/* The same recipient, edition and file give the same Message-ID, so a
 * message repeated after a lost reply can be told a duplicate; --resend
 * makes new ones. */
static void message_id(const struct run *r, const struct job *j, char *buf,
		       size_t size)
{
	char key[400], hex[17];
	const char *domain = strrchr(r->sc->from, '@') + 1;

	snprintf(key, sizeof(key), "%s\n%s\n%s\n%ld", j->r->key, j->f->sha,
		 list_name(j->partners),
		 r->o->resend ? (long)time(NULL) : 0L);
	hex_of(key, hex, sizeof(hex));
	snprintf(buf, size, "eimon.%s.%s.%s@%s", r->ed.week,
		 list_name(j->partners), hex, domain);
}

static void now_iso(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	if (!strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		buf[0] = '\0';
}

static void pause_s(double s)
{
	struct timespec ts;

	if (s <= 0)
		return;
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) && errno == EINTR) {
	}
}

/* ---- sending ---------------------------------------------------------- */

struct tally {
	unsigned deferred, rejected;
	const struct job *first_rejected;
	char first_why[512];
};

/* Send job j, retrying temporary failures. 0 sent or given up on for
 * this run (counted in t); -1 stop the run (err set). */
static int send_one(struct run *r, struct smtp_session *s,
		    const struct job *j, struct tally *t,
		    struct send_stats *st, struct eim_warnings *w,
		    struct eim_error *err)
{
	struct strbuf msg = STRBUF_INIT;
	struct send_log_entry e;
	char mid[300], why[512], at[32];
	long attempt;
	enum smtp_outcome out = SMTP_TEMPORARY;
	int ret = -1;

	message_id(r, j, mid, sizeof(mid));
	if (build_message(r, j, mid, &msg, err))
		goto out;
	for (attempt = 0;; attempt++) {
		out = smtp_send(s, r->sc->from, j->r->addr, msg.buf, msg.len,
				why, sizeof(why));
		if (out == SMTP_SENT || out == SMTP_REJECTED ||
		    out == SMTP_REFUSED || out == SMTP_UNAVAILABLE ||
		    attempt >= r->sc->retries)
			break;
		/* back off: retry_delay_s, doubled each time */
		pause_s(r->sc->retry_delay_s * (double)(1L << attempt));
	}
	switch (out) {
	case SMTP_SENT:
		memset(&e, 0, sizeof(e));
		now_iso(at, sizeof(at));
		e.address = j->r->key;
		e.list = (char *)list_name(j->partners);
		e.file = (char *)j->f->name;
		memcpy(e.sha256, j->f->sha, SHA256_HEX_LEN);
		e.at = at;
		e.message_id = mid;
		send_log_put(&r->log, &e);
		st->sent++;
		/* recorded before the next message: a crash from here on
		 * never sends this one again */
		if (send_log_write(r->ed.dir, &r->log, err))
			goto out;
		break;
	case SMTP_REJECTED:
		st->failed++;
		if (!t->rejected++) {
			t->first_rejected = j;
			snprintf(t->first_why, sizeof(t->first_why), "%s",
				 why);
		}
		eim_warn(w, "%s:%d: '%s' was refused by the server: %s",
			 j->list_file, j->r->line, j->r->addr, why);
		break;
	case SMTP_DEFERRED:
		st->failed++;
		t->deferred++;
		eim_warn(w, "%s:%d: '%s' deferred after %ld attempts: %s",
			 j->list_file, j->r->line, j->r->addr, attempt + 1,
			 why);
		break;
	case SMTP_REFUSED:
		eim_error_set(err, EIM_DATA, r->cfg->path, 0, 0, "%s", why);
		goto out;
	case SMTP_UNAVAILABLE:
	case SMTP_NOCONNECT:
		eim_error_set(err, EIM_UNAVAILABLE, NULL, 0, 0, "%s", why);
		goto out;
	case SMTP_TEMPORARY:
		eim_error_set(err, EIM_TEMPFAIL, NULL, 0, 0, "sending to '%s' "
			      "failed %ld times (%s); %u sent, a rerun sends "
			      "the rest", j->r->addr, attempt + 1, why,
			      st->sent);
		goto out;
	}
	ret = 0;
out:
	strbuf_release(&msg);
	return ret;
}

static int send_all(struct run *r, const size_t *todo, size_t n,
		    struct send_stats *st, struct eim_warnings *w,
		    struct eim_error *err)
{
	struct smtp_session *s = NULL;
	struct tally t;
	size_t i, in_batch = 0;
	int ret = -1;

	memset(&t, 0, sizeof(t));
	for (i = 0; i < n; i++) {
		if (in_batch == (size_t)r->sc->batch_size) {
			smtp_close(s);
			s = NULL;
			in_batch = 0;
			pause_s(r->sc->batch_pause_s);
		}
		if (!s && smtp_open(&r->sc->smtp, r->password, &s, err))
			goto out;
		in_batch++;
		if (send_one(r, s, &r->jobs[todo[i]], &t, st, w, err))
			goto out;
	}
	if (t.deferred) {
		eim_error_set(err, EIM_TEMPFAIL, NULL, 0, 0, "%u message(s) "
			      "deferred by the server; %u sent, a rerun "
			      "sends the rest", t.deferred, st->sent);
		goto out;
	}
	if (t.rejected) {
		eim_error_set(err, EIM_DATA, t.first_rejected->list_file,
			      t.first_rejected->r->line, 0,
			      "'%s' was refused by the server (%s)%s",
			      t.first_rejected->r->addr, t.first_why,
			      t.rejected > 1 ? "; and more: see the warnings"
					     : "");
		goto out;
	}
	ret = 0;
out:
	smtp_close(s);
	return ret;
}

static void print_plan(const struct run *r, const struct job *j,
		       const char *what)
{
	fprintf(r->o->plan, "%s %s %s %s\n", what, list_name(j->partners),
		j->r->addr, j->f->name);
}

static int run_send(struct run *r, struct send_stats *st,
		    struct eim_warnings *w, struct eim_error *err)
{
	size_t *todo = xcalloc(r->njobs + 1, sizeof(*todo));
	size_t i, n = 0;
	unsigned older = 0;
	int ret = -1;

	for (i = 0; i < r->njobs; i++) {
		const struct job *j = &r->jobs[i];
		const struct send_log_entry *e =
			r->o->resend ? NULL : already_sent(r, j);

		if (e) {
			st->skipped++;
			/* the same list, another file: a revision since */
			if (strcmp(e->list, list_name(j->partners)) == 0 &&
			    strcmp(e->sha256, j->f->sha) != 0)
				older++;
			if (r->o->dry_run)
				print_plan(r, j, "sent");
			continue;
		}
		if (r->o->dry_run)
			print_plan(r, j, "send");
		todo[n++] = i;
	}
	if (older)
		eim_warn(w, "%u reader(s) were sent an earlier revision of "
			 "%s; 'eimon send --resend' sends this one to "
			 "everyone", older, r->ed.week);
	if (r->o->dry_run || n == 0) {
		ret = 0;
		goto out;
	}
	if (smtp_password(&r->sc->smtp, r->cfg->path, &r->password, err))
		goto out;
	ret = send_all(r, todo, n, st, w, err);
out:
	free(todo);
	return ret;
}

int send_edition(const struct send_opts *o, struct send_stats *st,
		 struct eim_warnings *w, struct eim_error *err)
{
	struct run r;
	const char *out_dir;
	struct stat sb;
	int ret = -1;

	memset(&r, 0, sizeof(r));
	memset(st, 0, sizeof(*st));
	r.o = o;
	r.lock.fd = -1;
	if (config_load(o->config, &r.cfg, err) ||
	    distribution_check(r.cfg, err))
		goto out;
	r.sc = &r.cfg->distribution;
	out_dir = o->out_dir ? o->out_dir : r.cfg->out_dir;
	if (stat(out_dir, &sb) || !S_ISDIR(sb.st_mode)) {
		char wk[16];

		period_format(&o->week, wk, sizeof(wk));
		eim_error_set(err, EIM_NOINPUT, out_dir, 0, 0, "no edition "
			      "of %s to send: build it first", wk);
		goto out;
	}
	/* the build's lock: no build rewrites the folder while we read it
	 * and write the log (a dry run writes nothing but reads the same) */
	if (out_lock_acquire(&r.lock, out_dir, err) ||
	    send_edition_load(&o->week, out_dir, &r.ed, err) ||
	    plan(&r, err) ||
	    send_log_read(r.ed.dir, r.ed.week, &r.log, err))
		goto out;
	ret = run_send(&r, st, w, err);
out:
	smtp_password_free(r.password);
	out_lock_release(&r.lock);
	free(r.jobs);
	send_log_release(&r.log);
	send_list_release(&r.pub);
	send_list_release(&r.par);
	send_edition_release(&r.ed);
	config_free(r.cfg);
	return ret;
}
