/* backend.c - the table of back ends and the one way to run one: lay the
 * document out when the back end paints a scene, then render (see
 * include/backend.h). render_pdf.h's functions are the PDF case. */
#include "backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "render_pdf.h"
#include "banned.h"

static const struct backend *const backends[] = {
	&backend_pdf,
	&backend_html,
	&backend_xlsx,
};

const struct backend *backend_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (strcmp(backends[i]->name, name) == 0)
			return backends[i];
	return NULL;
}

void backend_data_csv_name(char *buf, size_t size, const char *stem)
{
	snprintf(buf, size, "%s-data.csv", stem ? stem : "index");
}

int backend_outputs_have(char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i] && strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

int backend_outputs_check(char *const *names, size_t n, const char **why)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!names[i] || !backend_find(names[i])) {
			*why = "outputs are pdf, html and xlsx";
			return -1;
		}
	if (n && !backend_outputs_have(names, n, "pdf")) {
		*why = "outputs must include pdf (the printed edition)";
		return -1;
	}
	return 0;
}

int backend_render(const struct backend *b, const struct doc *d,
		   unsigned char **out, size_t *len, struct eim_error *err)
{
	struct backend_input in;
	struct scene sc;
	int ret = -1;

	*out = NULL;
	*len = 0;
	scene_init(&sc);
	memset(&in, 0, sizeof(in));
	if (b->needs & BACKEND_NEEDS_DOC)
		in.doc = d;
	if (b->needs & BACKEND_NEEDS_SCENE) {
		if (layout_doc(d, &sc, err) != 0)
			goto out;
		in.scene = &sc;
	}
	ret = b->render(&in, out, len, err);
out:
	if (b->thread_cleanup)
		b->thread_cleanup();
	scene_free(&sc);
	return ret;
}

int backend_render_file(const struct backend *b, const struct doc *d,
			const char *path, struct eim_error *err)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	FILE *f = NULL;
	int ret = -1;

	if (backend_render(b, d, &buf, &len, err) != 0)
		goto out;
	f = fopen(path, "wb");
	if (!f) {
		eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
			      "cannot create the %s", b->name);
		goto out;
	}
	if (fwrite(buf, 1, len, f) != len) {
		eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
			      "cannot write the %s", b->name);
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
			      "cannot write the %s", b->name);
		goto out;
	}
	f = NULL;
	ret = 0;
out:
	if (f)
		fclose(f);
	free(buf);
	return ret;
}

int render_pdf(const struct doc *d, unsigned char **out, size_t *len,
	       struct eim_error *err)
{
	return backend_render(&backend_pdf, d, out, len, err);
}

int render_pdf_file(const struct doc *d, const char *path,
		    struct eim_error *err)
{
	return backend_render_file(&backend_pdf, d, path, err);
}

int render_find_font(int bold, char *buf, size_t size)
{
	return font_find(bold, buf, size);
}
