/* feed.c - format dispatch, shared reader helpers and `eimon read`
 * (see feed.h). */
#include "feed.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feed_priv.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

#define FEED_JSON_MAX ((size_t)1 << 30) /* 1 GiB: a JSON body is parsed whole */

static const char *const format_names[] = {
	"nomis-csv", "ons-timeseries", "ons-observations", "jsonstat", "csv",
	"json"
};

int feed_format_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(format_names) / sizeof(*format_names); i++)
		if (strcmp(name, format_names[i]) == 0)
			return (int)i;
	return -1;
}

/* ---- helpers for the readers ---- */

const char *feed_trim(const char *s, size_t *len)
{
	size_t n = *len;

	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	*len = n;
	return s;
}

/* Publishers' "no value" markers; the marker becomes the status. */
static const char *const missing_markers[] = {
	"..", ".", ":", "-", "x", "[x]", "[c]", "[z]", "[u]", "[low]", "*",
};

int feed_value(const char *s, size_t len, double *v, const char **marker,
	       const char *file, int line, int col, struct eim_error *err)
{
	const char *t = feed_trim(s, &len);
	char tmp[64];
	char *end;
	double d;
	size_t i;

	if (marker)
		*marker = NULL;
	if (len == 0)
		return 0;
	for (i = 0; i < sizeof(missing_markers) / sizeof(*missing_markers);
	     i++) {
		if (strlen(missing_markers[i]) == len &&
		    strncasecmp(t, missing_markers[i], len) == 0) {
			if (marker)
				*marker = missing_markers[i];
			return 0;
		}
	}
	/* strtod would take "nan", "inf", "0x1p3": only decimal numbers */
	for (i = 0; i < len; i++) {
		char ch = t[i];
		if (!(isdigit((unsigned char)ch) || ch == '.' || ch == '-' ||
		      ch == '+' || ch == 'e' || ch == 'E'))
			goto bad;
	}
	if (len >= sizeof(tmp))
		goto bad;
	memcpy(tmp, t, len);
	tmp[len] = '\0';
	errno = 0;
	d = strtod(tmp, &end);
	if (end != tmp + len || end == tmp)
		goto bad;
	if (errno == ERANGE && (d == HUGE_VAL || d == -HUGE_VAL))
		return eim_error_set(err, EIM_DATA, file, line, col,
				     "value '%.*s' is out of range", (int)len,
				     t);
	if (!isfinite(d))
		goto bad;
	*v = d == 0.0 ? 0.0 : d; /* no -0 */
	return 1;
bad:
	return eim_error_set(err, EIM_DATA, file, line, col,
			     "value '%.*s' is not a number", (int)(len > 40 ? 40 : len),
			     t);
}

int feed_json_number(const cJSON *j, double *v, const char *where,
		     const char *file, struct eim_error *err)
{
	if (!isfinite(j->valuedouble))
		return eim_error_set(err, EIM_DATA, file, 0, 0,
				     "value of %s is out of range", where);
	*v = j->valuedouble == 0.0 ? 0.0 : j->valuedouble; /* no -0 */
	return 0;
}

void feed_set_status(struct series_obs *o, const char *s, size_t len)
{
	s = feed_trim(s, &len);
	if (len >= SERIES_STATUS_MAX)
		len = SERIES_STATUS_MAX - 1;
	memcpy(o->status, s, len);
	o->status[len] = '\0';
}

void feed_set_dim(struct series_table *t, struct series_obs *o, size_t d,
		  const char *code, size_t clen, const char *label,
		  size_t llen)
{
	code = feed_trim(code, &clen);
	o->codes[d] = series_intern(t, code, clen);
	if (label) {
		label = feed_trim(label, &llen);
		o->labels[d] = series_intern(t, label, llen);
	}
}

int feed_keep_if_match(struct feed_ctx *c)
{
	struct series_table *t = c->out;

	if (!t->n)
		return 0;
	if ((c->nf && !series_obs_matches(t, &t->obs[t->n - 1], c->f, c->nf)) ||
	    (c->keep && !c->keep(t, &t->obs[t->n - 1], c->keep_ctx))) {
		series_table_drop_last(t);
		return 0;
	}
	return 1;
}

int feed_check_filters(struct feed_ctx *c)
{
	size_t i, j;

	for (i = 0; i < c->nf; i++) {
		if (series_dim_index(c->out, c->f[i].dim) >= 0)
			continue;
		{
			struct strbuf sb = STRBUF_INIT;
			int ret;
			for (j = 0; j < c->out->ndims; j++)
				strbuf_addf(&sb, "%s%s", j ? ", " : "",
					    c->out->dim_ids[j]);
			ret = eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
					    "unknown dimension '%s' (dimensions: %s)",
					    c->f[i].dim, sb.len ? sb.buf : "none");
			strbuf_release(&sb);
			return ret;
		}
	}
	return 0;
}

int feed_wants_fixed_geo(const struct feed_ctx *c)
{
	return c->mapping && c->mapping->geography_fixed &&
	       *c->mapping->geography_fixed;
}

int feed_csv_value(struct feed_ctx *c, const struct csv_reader *r,
		   const struct csv_field *f, double *v, const char **marker)
{
	int rc = feed_value(f->p, f->len, v, marker, c->display, 0, 0, NULL);
	int line, col;

	if (rc >= 0)
		return rc;
	/* the position costs a scan of the record: only for the message */
	csv_reader_where(r, f->p, &line, &col);
	return feed_value(f->p, f->len, v, marker, c->display, line, col,
			  c->err);
}

int feed_csv_bad_period(struct feed_ctx *c, const struct csv_reader *r,
			const struct csv_field *f)
{
	int line, col;

	csv_reader_where(r, f->p, &line, &col);
	return eim_error_set(c->err, EIM_DATA, c->display, line, col,
			     "cannot read period '%.*s'",
			     (int)(f->len > 40 ? 40 : f->len), f->p);
}

const char *feed_json_text(const cJSON *j, char *buf, size_t size)
{
	if (cJSON_IsString(j))
		return j->valuestring;
	if (cJSON_IsNumber(j)) {
		feed_format_value(j->valuedouble, buf, size);
		return buf;
	}
	return NULL;
}

void feed_format_value(double v, char *buf, size_t size)
{
	int prec;

	if (v == 0.0)
		v = 0.0;
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	/* %g turns 13090 into 1.309e+04: plain decimals for everyday
	 * magnitudes, with the digits that round-trip */
	if (strchr(buf, 'e') && fabs(v) < 1e15 && fabs(v) >= 1e-9) {
		int exp10 = (int)floor(log10(fabs(v)));
		int dec = prec - 1 - exp10;
		snprintf(buf, size, "%.*f", dec > 0 ? dec : 0, v);
		if (strtod(buf, NULL) != v)
			snprintf(buf, size, "%.17g", v);
	}
}

/* ---- reading ---- */

static int is_csv_format(int fmt)
{
	return fmt == FEED_NOMIS_CSV || fmt == FEED_CSV;
}

static int read_csv(struct feed_ctx *c, int fmt, struct csv_reader *r)
{
	return fmt == FEED_NOMIS_CSV ? feed_nomis_csv(c, r)
				     : feed_mapped_csv(c, r);
}

/* Line and column of byte p of buf. */
static void text_position(const char *buf, const char *p, int *line,
			  int *col)
{
	const char *s, *ls = buf;
	int l = 1;

	for (s = buf; s < p; s++) {
		if (*s == '\n') {
			l++;
			ls = s + 1;
		}
	}
	*line = l;
	*col = (int)(p - ls) + 1;
}

static int read_json(struct feed_ctx *c, int fmt, const char *buf,
		     size_t len)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
	int ret = -1, line, col;

	if (!root) {
		const char *at = end ? end : cJSON_GetErrorPtr();
		if (!at || at < buf || at > buf + len)
			at = buf;
		text_position(buf, at, &line, &col);
		return eim_error_set(c->err, EIM_DATA, c->display, line, col,
				     "invalid JSON");
	}
	if (end) { /* one value, then only blanks */
		while (end < buf + len && (*end == ' ' || *end == '\t' ||
					   *end == '\r' || *end == '\n'))
			end++;
		if (end < buf + len && *end) {
			text_position(buf, end, &line, &col);
			cJSON_Delete(root);
			return eim_error_set(c->err, EIM_DATA, c->display, line,
					     col, "invalid JSON: text after the "
					     "document");
		}
	}
	switch (fmt) {
	case FEED_ONS_TIMESERIES:
		ret = feed_ons_timeseries(c, root);
		break;
	case FEED_ONS_OBSERVATIONS:
		ret = feed_ons_observations(c, root);
		break;
	case FEED_JSONSTAT:
		ret = feed_jsonstat(c, root);
		break;
	case FEED_JSON:
		ret = feed_mapped_json(c, root);
		break;
	default:
		eim_error_set(c->err, EIM_SOFTWARE, c->display, 0, 0,
			      "format %d is not JSON", fmt);
	}
	cJSON_Delete(root);
	return ret;
}

static int check_format(int fmt, const char *display, struct eim_error *err)
{
	if (fmt < 0 || fmt > FEED_JSON)
		return eim_error_set(err, EIM_SOFTWARE, display, 0, 0,
				     "unknown feed format %d", fmt);
	return 0;
}

int feed_read_buffer(int fmt, const char *buf, size_t len,
		     const char *display, const struct config_mapping *mapping,
		     const struct series_filter *f, size_t nf,
		     struct series_table *out, struct eim_error *err)
{
	struct feed_ctx c = { display, mapping, f, nf, out, err, NULL, NULL };
	struct csv_reader *r;
	int ret;

	if (check_format(fmt, display, err))
		return -1;
	if (!is_csv_format(fmt))
		return read_json(&c, fmt, buf, len);
	r = csv_reader_mem(buf, len, display, 0);
	ret = read_csv(&c, fmt, r);
	csv_reader_free(r);
	return ret;
}

/* Read format fmt from fd (at its start): CSV streamed, JSON whole. */
static int read_fd(struct feed_ctx *c, int fmt, int fd)
{
	struct csv_reader *r = NULL;
	char *buf = NULL;
	size_t len = 0, alloc = 0;
	int ret = -1;

	if (is_csv_format(fmt)) {
		r = csv_reader_fd(fd, c->display, 0);
		ret = read_csv(c, fmt, r);
		csv_reader_free(r);
		return ret;
	}
	for (;;) {
		ssize_t n;
		if (len == alloc) {
			if (alloc >= FEED_JSON_MAX) {
				eim_error_set(c->err, EIM_DATA, c->display, 0,
					      0, "file larger than %zu bytes",
					      FEED_JSON_MAX);
				goto out;
			}
			alloc = alloc ? alloc * 2 : 65536;
			buf = xrealloc(buf, alloc);
		}
		n = read(fd, buf + len, alloc - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				      "cannot read: %s", strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	ret = read_json(c, fmt, buf, len);
out:
	free(buf);
	return ret;
}

int feed_read_file(int fmt, const char *path, const char *display,
		   const struct config_mapping *mapping,
		   const struct series_filter *f, size_t nf,
		   struct series_table *out, struct eim_error *err)
{
	struct feed_ctx c = { display ? display : path, mapping, f, nf, out,
			      err, NULL, NULL };
	int fd, ret;

	if (check_format(fmt, c.display, err))
		return -1;
	/* path is required (feed.h); only display may be NULL */
	/* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker) */
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return eim_error_set(err, errno == ENOENT ? EIM_NOINPUT
				     : EIM_DATA, c.display, 0, 0,
				     "cannot open: %s", strerror(errno));
	ret = read_fd(&c, fmt, fd);
	close(fd);
	return ret;
}

int feed_read_kept(int fmt, int fd, const char *buf, size_t len,
		   const char *display, const struct config_mapping *mapping,
		   feed_keep_fn keep, void *keep_ctx,
		   struct series_table *out, struct eim_error *err)
{
	struct feed_ctx c = { display, mapping, NULL, 0, out, err, keep,
			      keep_ctx };
	struct csv_reader *r;
	int ret;

	if (check_format(fmt, display, err))
		return -1;
	if (fd >= 0) {
		ret = read_fd(&c, fmt, fd);
	} else if (!is_csv_format(fmt)) {
		ret = read_json(&c, fmt, buf, len);
	} else {
		r = csv_reader_mem(buf, len, display, 0);
		ret = read_csv(&c, fmt, r);
		csv_reader_free(r);
	}
	if (ret == 0)
		ret = series_table_check_unique(out, display, err);
	return ret;
}

/* ---- eimon read ---- */

static int write_tidy(const struct series_table *t, FILE *out,
		      struct eim_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	char num[40], per[PERIOD_TEXT_MAX];
	size_t i, d;
	int ret = -1;

	for (d = 0; d < t->ndims; d++) {
		strbuf_add_csv(&sb, t->dim_ids[d]);
		strbuf_addch(&sb, ',');
	}
	strbuf_adds(&sb, "period,value,status\n");
	for (i = 0; i < t->n; i++) {
		const struct series_obs *o = &t->obs[i];
		for (d = 0; d < t->ndims; d++) {
			strbuf_add_csv(&sb, o->codes[d]);
			strbuf_addch(&sb, ',');
		}
		period_format(&o->period, per, sizeof(per));
		strbuf_adds(&sb, per);
		strbuf_addch(&sb, ',');
		if (o->has_value) {
			feed_format_value(o->value, num, sizeof(num));
			strbuf_adds(&sb, num);
		}
		strbuf_addch(&sb, ',');
		strbuf_add_csv(&sb, o->status);
		strbuf_addch(&sb, '\n');
		if (sb.len > 60000 || i + 1 == t->n) {
			if (strbuf_check(&sb, "a row of the tidy CSV", err))
				goto out;
			if (fwrite(sb.buf, 1, sb.len, out) != sb.len)
				goto bad;
			strbuf_reset(&sb);
		}
	}
	if (strbuf_check(&sb, "a row of the tidy CSV", err))
		goto out;
	if (sb.len && fwrite(sb.buf, 1, sb.len, out) != sb.len)
		goto bad;
	if (fflush(out) != 0)
		goto bad;
	ret = 0;
	goto out;
bad:
	eim_error_set(err, EIM_CANTCREAT, NULL, 0, 0,
		      "cannot write output: %s", strerror(errno));
out:
	strbuf_release(&sb);
	return ret;
}

int feed_read_cli(const char *format, const char *path,
		  const char *const *selects, size_t nselects, FILE *out,
		  struct eim_error *err)
{
	struct series_table t;
	struct series_filter *f = NULL;
	char **parts = NULL;
	size_t i;
	int fmt, ret = -1;

	series_table_init(&t);
	fmt = feed_format_parse(format);
	if (fmt < 0) {
		eim_error_set(err, EIM_USAGE, NULL, 0, 0,
			      "unknown format '%s' (nomis-csv, ons-timeseries, "
			      "ons-observations, jsonstat, csv, json)", format);
		goto out;
	}
	f = xcalloc(nselects ? nselects : 1, sizeof(*f));
	parts = xcalloc(nselects ? nselects : 1, sizeof(*parts));
	for (i = 0; i < nselects; i++) {
		const char *eq = strchr(selects[i], '=');
		if (!eq || eq == selects[i]) {
			eim_error_set(err, EIM_USAGE, NULL, 0, 0,
				      "--select wants DIM=CODE, not '%s'",
				      selects[i]);
			goto out;
		}
		parts[i] = xstrndup(selects[i], (size_t)(eq - selects[i]));
		f[i].dim = parts[i];
		f[i].value = eq + 1;
	}
	if (feed_read_file(fmt, path, path, NULL, f, nselects, &t, err))
		goto out;
	series_table_sort(&t);
	ret = write_tidy(&t, out, err);
out:
	for (i = 0; parts && i < nselects; i++)
		free(parts[i]);
	free(parts);
	free(f);
	series_table_release(&t);
	return ret;
}
