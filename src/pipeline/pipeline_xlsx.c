/* pipeline_xlsx.c - the build's side of the data download: whether the
 * monitor wants it (`outputs: [..., xlsx]`), and the workbook of an
 * edition, named after it (monitor-data.xlsx; the partners edition's
 * monitor-partners-data.xlsx, made from the partners document, so made
 * exactly when that PDF is), added to the edition's files beside the
 * PDF and published with them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "config.h"
#include "pipeline_int.h"
#include "xalloc.h"
#include "banned.h"

int pipeline_wants_xlsx(const struct pipeline_run *r)
{
	if (r->cfg->noutputs)
		return backend_outputs_have(r->cfg->outputs, r->cfg->noutputs,
					    "xlsx");
	return backend_outputs_have(r->tpl->outputs, r->tpl->noutputs,
				    "xlsx");
}

/* The licences of the monitor's feeds, each once: "A; B". */
static char *licences(const struct config *c, struct eim_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, k;

	for (i = 0; i < c->nfeeds; i++) {
		const char *l = c->feeds[i].licence;

		if (!l || !*l)
			continue;
		for (k = 0; k < i; k++)
			if (c->feeds[k].licence &&
			    strcmp(c->feeds[k].licence, l) == 0)
				break;
		if (k < i)
			continue;
		if (sb.len)
			strbuf_adds(&sb, "; ");
		strbuf_adds(&sb, l);
	}
	if (strbuf_check(&sb, "the feeds' licences", err)) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

int pipeline_xlsx(const struct pipeline_run *r, const struct doc *d,
		  int partners, struct pipeline_files *out,
		  struct eim_error *err)
{
	struct backend_input in;
	struct pipeline_file f;
	char *lic = licences(r->cfg, err);
	int ret;

	if (!lic)
		return -1;
	memset(&in, 0, sizeof(in));
	memset(&f, 0, sizeof(f));
	in.doc = d;
	in.contact = r->cfg->contact;
	in.licence = lic;
	snprintf(f.name, sizeof(f.name), "%s",
		 partners ? "monitor-partners-data.xlsx" : "monitor-data.xlsx");
	ret = backend_xlsx.render(&in, &f.data, &f.len, err);
	free(lic);
	if (ret)
		return -1;
	out->f = xreallocarray(out->f, out->n + 1, sizeof(*out->f));
	out->f[out->n++] = f;
	return 0;
}
