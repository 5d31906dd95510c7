/* backend.h - output formats behind one interface (the shape of curl's
 * vtls back ends): each back end is a const struct of a name, what it
 * consumes and a render function. The PDF back end paints the laid-out
 * scene (scene.h); a back end that reflows text (HTML) or only needs the
 * data (a spreadsheet) takes the document (doc.h), or both.
 *
 * Rules for back ends: a back end reads its inputs and never changes
 * them; it does not measure text or break pages (layout did, once); it
 * includes no other back end and layout includes none; only the PDF back
 * end (src/backend/pdf/) talks to libharu. Output must be
 * byte-reproducible: no clock, no addresses, no hash order.
 *
 * Ownership: the caller keeps the doc and scene; on success *out (of *len
 * bytes) is a buffer the caller frees. */
#ifndef EIMON_BACKEND_H
#define EIMON_BACKEND_H

#include <stddef.h>

#include "doc.h"
#include "error.h"
#include "scene.h"

enum backend_needs {
	BACKEND_NEEDS_DOC = 1u << 0,   /* the composed document */
	BACKEND_NEEDS_SCENE = 1u << 1  /* the laid-out pages */
};

struct backend_input {
	const struct doc *doc;     /* set when needs & BACKEND_NEEDS_DOC */
	const struct scene *scene; /* set when needs & BACKEND_NEEDS_SCENE */
	/* Names of the files published beside this one, for back ends
	 * that link to them (HTML); NULL when not known:
	 * stem: this output's file name without suffix ("index"); its
	 *   charts' data are in "<stem>-data.csv" (backend_data_csv_name)
	 * print_file: the PDF of the same edition ("monitor.pdf") */
	const char *stem;
	const char *print_file;
	/* For the data download's cover sheet (xlsx); NULL when not
	 * known: who to contact, and the licence of the data. */
	const char *contact;
	const char *licence;
};

struct backend {
	const char *name;    /* "pdf" */
	const char *suffix;  /* file name suffix without the dot: "pdf" */
	unsigned needs;      /* enum backend_needs bits */
	/* Render in to a new buffer. 0, or -1 with err set. Must be safe to
	 * call on two threads at once with different inputs. */
	int (*render)(const struct backend_input *in, unsigned char **out,
		      size_t *len, struct eim_error *err);
	/* Free what this thread's renders keep between calls (compressors,
	 * caches); NULL when nothing. */
	void (*thread_cleanup)(void);
};

extern const struct backend backend_pdf;
/* The accessible web page (src/backend/html/): one self-contained HTML
 * file, charts as inline SVG painted from the scene, text reflowed from
 * the doc; needs both. */
extern const struct backend backend_html;
/* The data download (src/backend/xlsx/): an accessible workbook of every
 * chart's and table's data; needs the doc only. */
extern const struct backend backend_xlsx;

/* The largest logo file a back end reads (the scene's image). */
#define BACKEND_LOGO_MAX ((size_t)16 << 20)

/* The file of the data of a page's charts, beside the page stem:
 * "<stem>-data.csv"; chart n (from 1, in document order) is the rows
 * whose id is "chart-<n>" (doc_chart_csv). */
void backend_data_csv_name(char *buf, size_t size, const char *stem);

/* Output names a monitor or template may list under `outputs:`. 0 when
 * every name is one ("pdf", "html", "xlsx") and pdf is among them, else -1 with
 * *why a static sentence. */
int backend_outputs_check(char *const *names, size_t n, const char **why);
/* 1 when name is in the list. */
int backend_outputs_have(char *const *names, size_t n, const char *name);

/* The back end of that name, or NULL. */
const struct backend *backend_find(const char *name);

/* Lay d out when b needs a scene (layout_doc), then render. */
int backend_render(const struct backend *b, const struct doc *d,
		   unsigned char **out, size_t *len, struct eim_error *err);
/* The same into a file (not atomic: publish does that). */
int backend_render_file(const struct backend *b, const struct doc *d,
			const char *path, struct eim_error *err);

#endif
