/* feed_nomis.c - Nomis API CSV (any dataset), streamed.
 *
 * Columns are found by header name. A dimension is every X with an X_NAME
 * or X_CODE column, except DATE/TIME (the period) and the OBS_*, URN and
 * RECORD_* tail. Its code is X_CODE when present (GEOGRAPHY_CODE is the
 * GSS code; GEOGRAPHY is a Nomis number), else X, else X_NAME; its label
 * X_NAME, trimmed. Filters compare raw field bytes before anything is
 * converted or interned, so rows that do not match cost one scan. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "feed.h"
#include "feed_priv.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

struct nomis_dim {
	char *id;
	int code_col, label_col;
};

struct nomis_filter {
	int code_col, label_col;
	const char *value;
	size_t len;
};

struct nomis_cols {
	struct nomis_dim *dims;
	size_t ndims;
	int date, date_name, value, status, count, offset;
	size_t ncols;
	char *first; /* header's first name: a repeated header is skipped */
};

static int ends_with(const char *s, size_t len, const char *suf)
{
	size_t n = strlen(suf);
	return len > n && strncasecmp(s + len - n, suf, n) == 0;
}

static int is_reserved(const char *base, size_t len)
{
	static const char *const names[] = { "DATE", "TIME", "URN" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strlen(names[i]) == len && strncasecmp(base, names[i], len) == 0)
			return 1;
	return (len >= 4 && strncasecmp(base, "OBS_", 4) == 0) ||
	       (len >= 7 && strncasecmp(base, "RECORD_", 7) == 0);
}

static int col_of(const struct csv_field *h, size_t n, const char *base,
		  size_t blen, const char *suffix)
{
	char name[256];

	snprintf(name, sizeof(name), "%.*s%s", (int)blen, base, suffix);
	return csv_find_column(h, n, name);
}

static void cols_release(struct nomis_cols *k)
{
	size_t i;

	for (i = 0; i < k->ndims; i++)
		free(k->dims[i].id);
	free(k->dims);
	free(k->first);
}

static int read_header(struct feed_ctx *c, struct csv_field *h, size_t n,
		       struct nomis_cols *k)
{
	size_t i, j, cap = 0;
	const char **ids;

	memset(k, 0, sizeof(*k));
	k->ncols = n;
	k->first = xstrdup(n ? h[0].p : "");
	for (i = 0; i < n; i++) {
		const char *nm = h[i].p;
		size_t len = h[i].len, blen;
		int dup = 0, code, label;

		if (ends_with(nm, len, "_NAME") || ends_with(nm, len, "_CODE"))
			blen = len - 5;
		else
			continue;
		if (blen == 0 || blen > 200 || is_reserved(nm, blen))
			continue;
		for (j = 0; j < k->ndims; j++)
			if (strlen(k->dims[j].id) == blen &&
			    strncasecmp(k->dims[j].id, nm, blen) == 0)
				dup = 1;
		if (dup)
			continue;
		code = col_of(h, n, nm, blen, "_CODE");
		if (code < 0)
			code = col_of(h, n, nm, blen, "");
		label = col_of(h, n, nm, blen, "_NAME");
		if (code < 0)
			code = label;
		/* a name the lookup cannot find again (a NUL byte in it, say)
		 * is no dimension: rows would be indexed at column -1 */
		if (code < 0)
			continue;
		XGROW(k->dims, cap, k->ndims + 1);
		k->dims[k->ndims].id = xstrndup(nm, blen);
		k->dims[k->ndims].code_col = code;
		k->dims[k->ndims].label_col = label;
		k->ndims++;
	}
	k->date = csv_find_column(h, n, "DATE");
	if (k->date < 0)
		k->date = csv_find_column(h, n, "TIME");
	k->date_name = csv_find_column(h, n, "DATE_NAME");
	if (k->date_name < 0)
		k->date_name = csv_find_column(h, n, "TIME_NAME");
	k->value = csv_find_column(h, n, "OBS_VALUE");
	k->status = csv_find_column(h, n, "OBS_STATUS");
	k->count = csv_find_column(h, n, "RECORD_COUNT");
	k->offset = csv_find_column(h, n, "RECORD_OFFSET");
	if (k->value < 0)
		return eim_error_set(c->err, EIM_DATA, c->display, 1, 0,
				     "no 'OBS_VALUE' column: not a Nomis CSV");
	if (k->date < 0 && k->date_name < 0)
		return eim_error_set(c->err, EIM_DATA, c->display, 1, 0,
				     "no 'DATE' or 'DATE_NAME' column");
	ids = xcalloc(k->ndims ? k->ndims : 1, sizeof(*ids));
	for (i = 0; i < k->ndims; i++)
		ids[i] = k->dims[i].id;
	series_table_set_dims(c->out, k->ndims, ids);
	free(ids);
	return feed_check_filters(c);
}

/* RECORD_COUNT or RECORD_OFFSET: a whole number >= 0, or -1. */
static int parse_record_number(const char *s, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end || errno == ERANGE || v < 0)
		return -1;
	*out = v;
	return 0;
}

/* The same for field f (column col) of r's last record: junk is an
 * error at its line and column, never a count of 0 that would switch
 * the truncation check off. */
static int record_number(struct feed_ctx *c, struct csv_reader *r,
			 const struct csv_field *f, size_t col,
			 const char *name, long *out)
{
	int line, cl;

	if (parse_record_number(csv_field_finish(r, col), out) == 0)
		return 0;
	csv_reader_where(r, f->p, &line, &cl);
	return eim_error_set(c->err, EIM_DATA, c->display, line, cl,
			     "%s '%.*s' is not a whole number", name,
			     (int)(f->len > 40 ? 40 : f->len), f->p);
}

static int field_is(const struct csv_field *f, const char *s, size_t len)
{
	size_t fl = f->len;
	const char *p = f->len && (f->p[0] == ' ' || f->p[f->len - 1] == ' ')
				? feed_trim(f->p, &fl)
				: f->p;

	return fl == len && memcmp(p, s, len) == 0;
}

/* The period of a row: a 12-month window from DATE_NAME (APS: DATE
 * 2025-09, DATE_NAME "Oct 2024-Sep 2025") wins, else DATE. */
static int row_period(struct feed_ctx *c, const struct nomis_cols *k,
		      const struct csv_field *fl, const struct csv_reader *r,
		      struct period *p)
{
	struct period pn;
	int have_name = k->date_name >= 0 &&
			period_parse(fl[k->date_name].p, fl[k->date_name].len,
				     &pn) == 0;

	if (have_name && pn.freq == PERIOD_ROLL12) {
		*p = pn;
		return 0;
	}
	if (k->date >= 0 &&
	    period_parse(fl[k->date].p, fl[k->date].len, p) == 0)
		return 0;
	if (have_name) {
		*p = pn;
		return 0;
	}
	return feed_csv_bad_period(c, r,
				   &fl[k->date >= 0 ? k->date : k->date_name]);
}

/* Rows skipped on their raw bytes (csv_reader_skip_without) still count
 * towards RECORD_COUNT, except a repeated header. */
struct nomis_skip {
	const char *needle;  /* the longest filter value; NULL: no skipping */
	size_t nlen, ncols;
	const char *first;   /* the header's first name */
	size_t firstlen;
	long *rows;
};

static void count_skipped(void *ctx, const char *rec, size_t len)
{
	const struct nomis_skip *s = ctx;
	const char *p = rec, *e = rec + len;
	int quoted = p < e && *p == '"';

	p += quoted;
	/* the first letter rules out data rows before strncasecmp */
	if ((size_t)(e - p) >= s->firstlen + (size_t)quoted && s->firstlen &&
	    (*p | 0x20) == (s->first[0] | 0x20) &&
	    strncasecmp(p, s->first, s->firstlen) == 0) {
		const char *q = p + s->firstlen;
		if (quoted && q < e && *q == '"')
			q++;
		if (q == e || *q == ',' || *q == '\r')
			return; /* a repeated header */
	}
	(*s->rows)++;
}

/* The next row to look at: rows that cannot match the filters are
 * skipped unsplit (after the first row, which carries RECORD_COUNT). */
static int next_row(struct csv_reader *r, const struct nomis_skip *s,
		    struct csv_field **fl, size_t *n, struct eim_error *err)
{
	if (s->needle && *s->rows > 0 &&
	    csv_reader_skip_without(r, s->needle, s->nlen, s->ncols,
				    count_skipped, (void *)(uintptr_t)s,
				    err) < 0)
		return -1;
	return csv_reader_next(r, fl, n, err);
}

int feed_nomis_csv(struct feed_ctx *c, struct csv_reader *r)
{
	struct nomis_cols k;
	struct nomis_filter *nfl = NULL;
	struct csv_field *fl;
	size_t n, i, firstlen;
	long rows = 0, count = -1, first_offset = 0, line;
	char last_date[64] = "", last_name[64] = "";
	struct period last_p = { PERIOD_NONE, 0, 0 };
	int rc, ret = -1;
	struct nomis_skip skip;

	memset(&k, 0, sizeof(k));
	memset(&skip, 0, sizeof(skip));
	rc = csv_reader_next(r, &fl, &n, c->err);
	if (rc <= 0) {
		if (rc == 0)
			eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				      "empty file: no header line");
		goto out;
	}
	if (read_header(c, fl, n, &k))
		goto out;
	firstlen = strlen(k.first);
	csv_reader_lazy(r, 1);
	nfl = xcalloc(c->nf ? c->nf : 1, sizeof(*nfl));
	for (i = 0; i < c->nf; i++) {
		const struct nomis_dim *d =
			&k.dims[series_dim_index(c->out, c->f[i].dim)];
		/* read_header checked that every filter is a dimension */
		/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
		nfl[i].code_col = d->code_col;
		nfl[i].label_col = d->label_col;
		nfl[i].value = c->f[i].value;
		nfl[i].len = strlen(c->f[i].value);
		if (nfl[i].len > skip.nlen) {
			skip.needle = nfl[i].value;
			skip.nlen = nfl[i].len;
		}
	}
	skip.ncols = k.ncols;
	skip.first = k.first;
	skip.firstlen = firstlen;
	skip.rows = &rows;
	while ((rc = next_row(r, &skip, &fl, &n, c->err)) == 1) {
		struct series_obs *o;
		struct period p;
		const char *marker;
		const struct csv_field *v;
		int keep = 1;

		line = csv_reader_line(r);
		if (n && fl[0].len == firstlen &&
		    strncasecmp(fl[0].p, k.first, firstlen) == 0)
			continue; /* a repeated header (concatenated pages) */
		if (n != k.ncols) {
			eim_error_set(c->err, EIM_DATA, c->display, (int)line, 0,
				      "row has %zu fields, the header %zu", n,
				      k.ncols);
			goto out;
		}
		if (rows == 0 &&
		    ((k.count >= 0 &&
		      record_number(c, r, &fl[k.count], (size_t)k.count,
				    "RECORD_COUNT", &count) != 0) ||
		     (k.offset >= 0 &&
		      record_number(c, r, &fl[k.offset], (size_t)k.offset,
				    "RECORD_OFFSET", &first_offset) != 0)))
			goto out;
		rows++;
		/* filters on the raw fields: most rows stop here */
		for (i = 0; i < c->nf && keep; i++) {
			csv_field_finish(r, (size_t)nfl[i].code_col);
			keep = field_is(&fl[nfl[i].code_col], nfl[i].value,
					nfl[i].len);
			if (!keep && nfl[i].label_col >= 0) {
				csv_field_finish(r, (size_t)nfl[i].label_col);
				keep = field_is(&fl[nfl[i].label_col],
						nfl[i].value, nfl[i].len);
			}
		}
		if (!keep)
			continue;
		csv_record_finish(r);
		/* consecutive rows mostly share a date: parse it once */
		{
			const char *dd = k.date >= 0 ? fl[k.date].p : "";
			const char *dn = k.date_name >= 0 ? fl[k.date_name].p : "";
			if (last_p.freq != PERIOD_NONE &&
			    strcmp(dd, last_date) == 0 &&
			    strcmp(dn, last_name) == 0) {
				p = last_p;
			} else {
				if (row_period(c, &k, fl, r, &p))
					goto out;
				last_p = p;
				snprintf(last_date, sizeof(last_date), "%s", dd);
				snprintf(last_name, sizeof(last_name), "%s", dn);
			}
		}
		o = series_table_add(c->out);
		o->period = p;
		for (i = 0; i < k.ndims; i++) {
			const struct csv_field *cf = &fl[k.dims[i].code_col];
			const struct csv_field *lf =
				k.dims[i].label_col >= 0 ? &fl[k.dims[i].label_col]
							 : NULL;
			feed_set_dim(c->out, o, i, cf->p, cf->len,
				     lf ? lf->p : NULL, lf ? lf->len : 0);
		}
		/* what the build does not keep costs no memory (and its
		 * value is not read: filters come before values) */
		if (c->keep && !c->keep(c->out, o, c->keep_ctx)) {
			series_table_drop_last(c->out);
			continue;
		}
		v = &fl[k.value];
		rc = feed_csv_value(c, r, v, &o->value, &marker);
		if (rc < 0)
			goto out;
		o->has_value = rc;
		if (k.status >= 0)
			feed_set_status(o, fl[k.status].p, fl[k.status].len);
		if (!o->status[0] && marker)
			feed_set_status(o, marker, strlen(marker));
	}
	if (rc < 0)
		goto out;
	if (count >= 0 && rows + first_offset < count) {
		eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
			      "truncated Nomis response: %ld of %ld records "
			      "(the rest needs recordoffset=%ld)",
			      rows + first_offset, count, rows + first_offset);
		goto out;
	}
	ret = 0;
out:
	free(nfl);
	cols_release(&k);
	return ret;
}

int feed_nomis_count(int fd, const char *body, size_t len, long *rows,
		     long *total)
{
	/* a body on disk is streamed: counting costs no memory */
	struct csv_reader *r = fd < 0 ? csv_reader_mem(body, len, "nomis", 0)
		: lseek(fd, 0, SEEK_SET) == 0 ? csv_reader_fd(fd, "nomis", 0)
					      : NULL;
	struct csv_field *fl;
	struct eim_error err;
	size_t n;
	int cc, co, rc, ret = -1;
	long nrows = 0, count = -1, offset = 0;
	char *first = NULL;

	eim_error_init(&err);
	if (!r || csv_reader_next(r, &fl, &n, &err) != 1)
		goto out;
	cc = csv_find_column(fl, n, "RECORD_COUNT");
	co = csv_find_column(fl, n, "RECORD_OFFSET");
	if (cc < 0 || n == 0)
		goto out;
	first = xstrdup(fl[0].p);
	while ((rc = csv_reader_next(r, &fl, &n, &err)) == 1) {
		if (strcasecmp(fl[0].p, first) == 0)
			continue;
		if ((size_t)cc >= n)
			goto out;
		if (nrows == 0 &&
		    (parse_record_number(fl[cc].p, &count) != 0 ||
		     (co >= 0 && (size_t)co < n &&
		      parse_record_number(fl[co].p, &offset) != 0)))
			goto out; /* not countable: the reader says why */
		nrows++;
	}
	if (rc < 0)
		goto out;
	*rows = nrows;
	*total = count < 0 ? nrows : count - offset;
	ret = 0;
out:
	free(first);
	csv_reader_free(r);
	return ret;
}
