/* pipeline_html.c - the build's side of the accessible edition: whether
 * the monitor wants it, and the page plus one CSV of its charts' data,
 * named after the page (index.html, index-data.csv; the partners
 * edition's index-partners.html, index-partners-data.csv), so that the
 * two editions never share a file. One data file, not one a chart: an
 * edition of a dozen charts would otherwise publish (and fsync) a dozen
 * more files, a quarter more build time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "pipeline_int.h"
#include "xalloc.h"
#include "banned.h"

int pipeline_wants_html(const struct pipeline_run *r)
{
	if (r->cfg->noutputs)
		return backend_outputs_have(r->cfg->outputs, r->cfg->noutputs,
					    "html");
	return backend_outputs_have(r->tpl->outputs, r->tpl->noutputs,
				    "html");
}

static struct pipeline_file *add_file(struct pipeline_files *fs)
{
	fs->f = xrealloc(fs->f, (fs->n + 1) * sizeof(*fs->f));
	memset(&fs->f[fs->n], 0, sizeof(fs->f[0]));
	return &fs->f[fs->n++];
}

int pipeline_html(const struct doc *d, const struct scene *sc, int partners,
		  struct pipeline_files *out, struct eim_error *err)
{
	const char *stem = partners ? "index-partners" : "index";
	struct backend_input in;
	struct pipeline_file *f;
	struct strbuf csv = STRBUF_INIT;
	size_t i, n = 0;

	memset(&in, 0, sizeof(in));
	in.doc = d;
	in.scene = sc;
	in.stem = stem;
	in.print_file = partners ? "monitor-partners.pdf" : "monitor.pdf";
	f = add_file(out);
	snprintf(f->name, sizeof(f->name), "%s.html", stem);
	if (backend_html.render(&in, &f->data, &f->len, err))
		return -1;
	strbuf_adds(&csv, DOC_CHART_CSV_HEADER);
	for (i = 0; i < d->nblocks; i++) {
		char id[32];

		if (d->blocks[i].kind != DOC_CHART || !d->blocks[i].chart)
			continue;
		snprintf(id, sizeof(id), "chart-%zu", ++n);
		doc_chart_csv(d->blocks[i].chart, id, &csv);
	}
	if (csv.failed) {
		strbuf_release(&csv);
		eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
			      "the data of the charts is too large");
		return -1;
	}
	if (n) {
		f = add_file(out);
		backend_data_csv_name(f->name, sizeof(f->name), stem);
		f->data = (unsigned char *)strbuf_detach(&csv, &f->len);
	}
	strbuf_release(&csv);
	return 0;
}

void pipeline_files_release(struct pipeline_files *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		free(fs->f[i].data);
	free(fs->f);
	fs->f = NULL;
	fs->n = 0;
}
