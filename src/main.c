/* main.c - the eimon command: options, dispatch, messages and exit codes.
 * Everything else is in the library (libeimon.a). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "feed.h"
#include "notes.h"
#include "strbuf.h"
#include "period.h"
#include "pipeline.h"
#include "publish.h"
#include "send.h"
#include "xalloc.h"
#include "banned.h"

#ifndef EIMON_VERSION
#define EIMON_VERSION "0.0.0"
#endif

static const char usage_text[] =
	"usage: eimon build  [-c monitor.yaml] [--week YYYY-Www] [--offline] [--out DIR] [--dump DIR]\n"
	"                    [--place CODE | --all-places | --place-index I/N]\n"
	"                    [-j N] [--send] [-v|-q]\n"
	"       eimon send   [-c monitor.yaml] [--week YYYY-Www] [--out DIR] [--dry-run] [--resend]\n"
	"       eimon check  [-c monitor.yaml] [--week YYYY-Www]\n"
	"       eimon fetch  [-c monitor.yaml]\n"
	"       eimon read   --format FMT FILE [--select DIM=CODE ...]\n"
	"       eimon notes new [-c monitor.yaml] [--week YYYY-Www] --source ORG --theme THEME\n"
	"       eimon notes list [-c monitor.yaml] [--since YYYY-Www] [--week YYYY-Www]\n"
	"                        [--theme THEME] [--place CODE]\n"
	"       eimon --help | --version\n";

static const char help_text[] =
	"\n"
	"eimon builds a Weekly Economic Impact Monitor: a numbered PDF bulletin\n"
	"from official statistics and partners' notes, plus figures.csv and\n"
	"manifest.json, in OUT/YYYY-Www/.\n"
	"\n"
	"commands:\n"
	"  build   fetch feeds, compute figures, render and publish the edition\n"
	"  send    email the published edition to the distribution lists, once\n"
	"  check   validate config, template, notes and edition; build nothing\n"
	"  fetch   refresh the feed cache only\n"
	"  read    print a feed file's observations as tidy CSV\n"
	"  notes new  write a pre-filled note for this week (or --week)\n"
	"  notes list print the notes of a range of weeks as a table\n"
	"\n"
	"options:\n"
	"  -c, --config FILE   monitor.yaml (default ./monitor.yaml)\n"
	"  -w, --week YYYY-Www edition week (default: this ISO week, UTC)\n"
	"      --offline       use the feed cache only\n"
	"      --send          build: then send the edition (as eimon send)\n"
	"      --dry-run       send: list who would be sent what; send nothing\n"
	"      --resend        send: ignore the send log (send to everyone)\n"
	"  -o, --out DIR       output folder (default: the config's out_dir)\n"
	"      --dump DIR      build: also write each edition's document and\n"
	"                      laid-out scene as text into DIR (for developers)\n"
	"  -f, --format FMT    read: nomis-csv, ons-timeseries, ons-observations,\n"
	"                      jsonstat, csv, json\n"
	"  -s, --select D=C    read: keep rows whose dimension D has code C\n"
	"      --source ORG    notes new: the organisation\n"
	"      --theme THEME   notes new: a theme of the template; notes list:\n"
	"                      only that theme\n"
	"      --since YYYY-Www  notes list: first week (default: four weeks\n"
	"                      before --week)\n"
	"      --place CODE    build: the edition about that place of the\n"
	"                      monitor, in OUT/YYYY-Www/places/CODE/;\n"
	"                      notes list: only notes naming that GSS code\n"
	"      --all-places    build: the area's edition and every place's\n"
	"      --place-index I/N  build: slice I of N of --all-places (slice 0\n"
	"                      also builds the area's edition)\n"
	"  -j, --jobs N        build: place editions rendered at once\n"
	"                      (default: the number of cores)\n"
	"  -v, --verbose       say what is done\n"
	"  -q, --quiet         no warnings\n"
	"  -h, --help          this help\n"
	"  -V, --version       the version\n"
	"\n"
	"exit codes: 0 ok, 64 usage, 65 bad data, 66 input missing, 69 feed\n"
	"unavailable, 70 internal error, 73 cannot create output, 75 locked or\n"
	"temporary failure (send: rerun later; only the rest is sent).\n";

enum { OPT_OFFLINE = 256, OPT_SOURCE, OPT_THEME, OPT_SINCE, OPT_PLACE, OPT_DUMP,
       OPT_SEND, OPT_DRY_RUN, OPT_RESEND, OPT_ALL_PLACES, OPT_PLACE_INDEX };

static const struct option long_opts[] = {
	{ "config", required_argument, NULL, 'c' },
	{ "week", required_argument, NULL, 'w' },
	{ "offline", no_argument, NULL, OPT_OFFLINE },
	{ "dump", required_argument, NULL, OPT_DUMP },
	{ "send", no_argument, NULL, OPT_SEND },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "resend", no_argument, NULL, OPT_RESEND },
	{ "out", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "select", required_argument, NULL, 's' },
	{ "source", required_argument, NULL, OPT_SOURCE },
	{ "theme", required_argument, NULL, OPT_THEME },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "place", required_argument, NULL, OPT_PLACE },
	{ "all-places", no_argument, NULL, OPT_ALL_PLACES },
	{ "place-index", required_argument, NULL, OPT_PLACE_INDEX },
	{ "jobs", required_argument, NULL, 'j' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

struct cli {
	const char *cmd;
	struct pipeline_opts po;
	const char *format;
	const char **selects;
	int nselects;
	const char *source;
	const char *theme;
	const char *place;
	struct period since;
	int since_given;
	int quiet;
	int week_given;
	int sub_new;  /* "notes new" given before the options */
	int sub_list; /* "notes list" likewise */
	int send;     /* build --send */
	int dry_run;
	int resend;
};

static int usage_error(const char *msg, const char *arg)
{
	if (msg)
		fprintf(stderr, "eimon: %s%s%s%s\n", msg, arg ? " '" : "",
			arg ? arg : "", arg ? "'" : "");
	fputs(usage_text, stderr);
	return EX_USAGE;
}

static int report(const struct eim_error *e)
{
	char buf[EIM_PATH_MAX + EIM_MSG_MAX + 32];

	eim_error_format(e, buf, sizeof(buf));
	fprintf(stderr, "eimon: %s\n", buf);
	return eim_error_exit_code(e->kind);
}

static void print_warnings(const struct eim_warnings *w, int quiet)
{
	unsigned i;

	for (i = 0; !quiet && i < w->n; i++)
		fprintf(stderr, "eimon: warning: %s\n", w->items[i]);
}

static struct period this_week(void)
{
	time_t now = time(NULL);
	return period_of_day((long)(now / 86400), PERIOD_WEEK);
}

/* A whole number in 1..100000, all of s. */
static int parse_count(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < 1 || v > 100000)
		return -1;
	*out = (int)v;
	return 0;
}

/* --place-index I/N: slice I (from 0) of N. */
static int parse_slice(const char *s, struct pipeline_opts *po)
{
	char *end;
	long i = strtol(s, &end, 10);
	int n;

	if (end == s || *end != '/' || i < 0 || parse_count(end + 1, &n) ||
	    i >= n)
		return -1;
	po->slice_index = (int)i;
	po->slice_count = n;
	return 0;
}

static int parse_args(int argc, char **argv, struct cli *c)
{
	int ch;

	c->po.config = "monitor.yaml";
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "c:w:o:f:s:j:vqhV", long_opts,
				 NULL)) != -1) {
		switch (ch) {
		case 'c': c->po.config = optarg; break;
		case 'w':
			/* strictly YYYY-Www: no spaces, newline, lower case */
			if (publish_week_valid(optarg) ||
			    period_parse(optarg, strlen(optarg), &c->po.week) ||
			    c->po.week.freq != PERIOD_WEEK)
				return usage_error("--week wants YYYY-Www, not",
						   optarg);
			c->week_given = 1;
			break;
		case OPT_OFFLINE: c->po.offline = 1; break;
		case OPT_DUMP: c->po.dump_dir = optarg; break;
		case OPT_SEND: c->send = 1; break;
		case OPT_DRY_RUN: c->dry_run = 1; break;
		case OPT_RESEND: c->resend = 1; break;
		case 'o': c->po.out_dir = optarg; break;
		case 'f': c->format = optarg; break;
		case 's':
			c->selects = xrealloc(c->selects, sizeof(*c->selects) *
						  (size_t)(c->nselects + 1));
			c->selects[c->nselects++] = optarg;
			break;
		case OPT_SOURCE: c->source = optarg; break;
		case OPT_THEME: c->theme = optarg; break;
		case OPT_PLACE: c->place = optarg; break;
		case OPT_ALL_PLACES: c->po.all_places = 1; break;
		case OPT_PLACE_INDEX:
			if (parse_slice(optarg, &c->po))
				return usage_error("--place-index wants I/N "
						   "with 0 <= I < N, not",
						   optarg);
			break;
		case 'j':
			if (parse_count(optarg, &c->po.jobs))
				return usage_error("-j wants a number of "
						   "jobs, not", optarg);
			break;
		case OPT_SINCE:
			if (period_parse(optarg, strlen(optarg), &c->since) ||
			    c->since.freq != PERIOD_WEEK)
				return usage_error("--since wants YYYY-Www, "
						   "not", optarg);
			c->since_given = 1;
			break;
		case 'v': c->po.verbose = 1; break;
		case 'q': c->quiet = 1; break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			return -1;
		case 'V':
			printf("eimon %s\n", EIMON_VERSION);
			return -1;
		default:
			return usage_error("unknown or incomplete option",
					   argv[optind - 1]);
		}
	}
	if (!c->week_given)
		c->po.week = this_week();
	return 0;
}

/* One function per command, each given the parsed options and the words
 * left after them (args[0..nargs)); it returns the exit code. */
struct ctx {
	struct cli *c;
	char **args;
	int nargs;
	struct eim_warnings w;
	struct eim_error err;
};

static int do_send(struct ctx *x)
{
	struct send_opts so;
	struct send_stats st;

	memset(&so, 0, sizeof(so));
	so.config = x->c->po.config;
	so.week = x->c->po.week;
	so.out_dir = x->c->po.out_dir;
	so.dry_run = x->c->dry_run;
	so.resend = x->c->resend;
	so.plan = stdout;
	if (send_edition(&so, &st, &x->w, &x->err))
		return report(&x->err);
	if (x->c->po.verbose)
		fprintf(stderr, "eimon: sent %u message(s), %u already sent\n",
			st.sent, st.skipped);
	return EX_OK;
}

static int cmd_build(struct ctx *x)
{
	char *pdf = NULL;
	int rc = EX_OK;

	if (x->nargs)
		return usage_error("unexpected argument", x->args[0]);
	if (x->c->dry_run || x->c->resend)
		return usage_error("--dry-run and --resend are options of "
				   "send", NULL);
	x->c->po.place = x->c->place;
	if (x->c->place && (x->c->po.all_places || x->c->po.slice_count))
		return usage_error("--place builds one place: not with "
				   "--all-places or --place-index", NULL);
	if (x->c->place && x->c->send)
		return usage_error("--send mails the area's edition: not with "
				   "--place", NULL);
	if (pipeline_build(&x->c->po, &pdf, &x->w, &x->err))
		rc = report(&x->err);
	else if (x->c->po.verbose)
		fprintf(stderr, "eimon: wrote %s\n", pdf);
	free(pdf);
	/* the edition is published (or unchanged): now its readers */
	if (rc == EX_OK && x->c->send)
		rc = do_send(x);
	return rc;
}

static int cmd_send(struct ctx *x)
{
	if (x->nargs)
		return usage_error("unexpected argument", x->args[0]);
	if (x->c->po.offline)
		return usage_error("--offline is an option of build", NULL);
	return do_send(x);
}

static int cmd_check(struct ctx *x)
{
	struct eim_warnings problems = { NULL, 0, 0 };
	unsigned i;
	int rc = EX_OK;

	if (x->nargs)
		return usage_error("unexpected argument", x->args[0]);
	if (pipeline_check(&x->c->po, &problems, &x->w, &x->err)) {
		for (i = 0; i < problems.n; i++)
			fprintf(stderr, "eimon: %s\n", problems.items[i]);
		if (!problems.n)
			report(&x->err);
		rc = eim_error_exit_code(x->err.kind ? x->err.kind : EIM_DATA);
	}
	eim_warnings_release(&problems);
	return rc;
}

static int cmd_fetch(struct ctx *x)
{
	if (x->nargs)
		return usage_error("unexpected argument", x->args[0]);
	return pipeline_fetch(&x->c->po, &x->w, &x->err) ? report(&x->err)
							 : EX_OK;
}

static int cmd_read(struct ctx *x)
{
	if (!x->c->format || x->nargs != 1)
		return usage_error("read wants --format FMT and one FILE",
				   NULL);
	if (feed_read_cli(x->c->format, x->args[0], x->c->selects,
			  (size_t)x->c->nselects, stdout, &x->err))
		return report(&x->err);
	return EX_OK;
}

static int cmd_notes_list(struct ctx *x)
{
	struct strbuf out = STRBUF_INIT;
	int rc = EX_OK;

	if (x->nargs)
		return usage_error("unexpected argument", x->args[0]);
	if (pipeline_notes_list(&x->c->po, x->c->since_given ? &x->c->since
							     : NULL,
				x->c->theme, x->c->place, &out, &x->err))
		rc = report(&x->err);
	else
		fwrite(out.buf, 1, out.len, stdout);
	strbuf_release(&out);
	return rc;
}

static int cmd_notes(struct ctx *x)
{
	char *path = NULL;
	int rc = EX_OK;

	if (!x->c->sub_new && !x->c->sub_list && x->nargs &&
	    (strcmp(x->args[0], "new") == 0 ||
	     strcmp(x->args[0], "list") == 0)) {
		x->c->sub_new = x->args[0][0] == 'n';
		x->c->sub_list = !x->c->sub_new;
		x->args++;
		x->nargs--;
	}
	if (x->c->sub_list)
		return cmd_notes_list(x);
	if (!x->c->sub_new || x->nargs || !x->c->source || !x->c->theme)
		return usage_error("notes wants: new [--week YYYY-Www] "
				   "--source ORG --theme THEME, or list "
				   "[--since YYYY-Www] [--theme T] "
				   "[--place CODE]", NULL);
	if (notes_new(x->c->po.config, x->c->source, x->c->theme,
		      &x->c->po.week, &path, &x->err))
		rc = report(&x->err);
	else
		printf("%s\n", path);
	free(path);
	return rc;
}

static const struct command {
	const char *name;
	int (*fn)(struct ctx *x);
} commands[] = {
	{ "build", cmd_build },
	{ "check", cmd_check },
	{ "fetch", cmd_fetch },
	{ "notes", cmd_notes },
	{ "read", cmd_read },
	{ "send", cmd_send },
};

/* The command word comes first ("notes new" is one); getopt permutes, so
 * options may come before or after the other words. */
static int run(int argc, char **argv)
{
	struct cli c;
	struct ctx x;
	const struct command *cmd = NULL;
	size_t i;
	int rc, r;

	memset(&c, 0, sizeof(c));
	memset(&x, 0, sizeof(x));
	eim_error_init(&x.err);
	x.c = &c;
	if (argc < 2)
		return usage_error(NULL, NULL);
	if (argv[1][0] != '-') {
		c.cmd = argv[1];
		argv++;
		argc--;
		if (strcmp(c.cmd, "notes") == 0 && argc > 1 &&
		    (strcmp(argv[1], "new") == 0 ||
		     strcmp(argv[1], "list") == 0)) {
			c.sub_new = argv[1][0] == 'n';
			c.sub_list = !c.sub_new;
			argv++;
			argc--;
		}
	}
	r = parse_args(argc, argv, &c);
	if (r) {
		free(c.selects);
		return r < 0 ? EX_OK : r;
	}
	for (i = 0; c.cmd && i < sizeof(commands) / sizeof(*commands); i++)
		if (strcmp(c.cmd, commands[i].name) == 0)
			cmd = &commands[i];
	if (!c.cmd) {
		rc = usage_error("no command given", NULL);
	} else if (!cmd) {
		rc = usage_error("unknown command", c.cmd);
	} else {
		x.args = argv + optind;
		x.nargs = argc - optind;
		rc = cmd->fn(&x);
	}
	print_warnings(&x.w, c.quiet);
	eim_warnings_release(&x.w);
	free(c.selects);
	return rc;
}

int main(int argc, char **argv)
{
	int rc = run(argc, argv);

	if (fflush(stdout) != 0 && rc == EX_OK) {
		perror("eimon: stdout");
		rc = EX_IOERR;
	}
	return rc;
}
