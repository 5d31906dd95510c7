/* xlsx_names.c - the spreadsheet back end's pure helpers (xlsx_int.h):
 * sheet and table names Excel accepts, and a bulletin's formatted
 * numbers read back with the display format that prints them the same. */
#include "xlsx_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "banned.h"

#define MINUS "\xe2\x88\x92" /* U+2212, the bulletin's minus sign */
#define POUND "\xc2\xa3"

void xlsx_sheet_name(char *buf, size_t size, const char *prefix,
		     const char *title)
{
	char tmp[512];
	size_t i, o = 0, chars = 0;

	snprintf(tmp, sizeof(tmp), "%s%s%s", prefix ? prefix : "",
		 prefix && title && *title ? " " : "", title ? title : "");
	for (i = 0; tmp[i] && chars < XLSX_SHEET_MAX; ) {
		unsigned char c = (unsigned char)tmp[i];
		size_t n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		size_t k;

		if (c < 0x20 || strchr("[]:*?/\\", c) ||
		    (c == ' ' && o && buf[o - 1] == ' ')) {
			i++; /* refused, or a space left doubled */
			continue;
		}
		for (k = 1; k < n; k++) /* a cut or bad sequence ends here */
			if (((unsigned char)tmp[i + k] & 0xc0) != 0x80)
				break;
		if (k < n || o + n >= size)
			break;
		/* Excel counts UTF-16 units: a character beyond the BMP is 2 */
		if (n == 4 && chars + 2 > XLSX_SHEET_MAX)
			break;
		memcpy(buf + o, tmp + i, n);
		o += n;
		i += n;
		chars += n == 4 ? 2 : 1;
	}
	/* cut short: end at a word, if that leaves more than the prefix */
	if (tmp[i] && tmp[i] != ' ') {
		size_t w = o, pl = prefix ? strlen(prefix) : 0;

		while (w > pl && buf[w - 1] != ' ')
			w--;
		if (w > pl + 1)
			o = w;
	}
	while (o && (buf[o - 1] == ' ' || buf[o - 1] == '\''))
		o--;
	buf[o] = '\0';
	i = 0;
	while (buf[i] == '\'' || buf[i] == ' ')
		i++;
	memmove(buf, buf + i, o - i + 1);
	if (!buf[0] && size > 5)
		snprintf(buf, size, "Sheet");
}

void xlsx_table_name(char *buf, size_t size, const char *prefix)
{
	size_t i, o = 0;

	if (!size)
		return;
	if (!prefix || !((*prefix >= 'A' && *prefix <= 'Z') ||
			 (*prefix >= 'a' && *prefix <= 'z')))
		o = (size_t)snprintf(buf, size, "T_");
	for (i = 0; prefix && prefix[i] && o + 1 < size; i++) {
		char c = prefix[i];
		int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			 (c >= '0' && c <= '9');

		buf[o++] = ok ? c : '_';
	}
	buf[o < size ? o : size - 1] = '\0';
}

/* One number at s; *end after it. 0, or -1 when there is none. */
static int parse_num(const char *s, struct xlsx_num *n, const char **end)
{
	char digits[64];
	size_t d = 0;
	int neg = 0, any = 0;

	memset(n, 0, sizeof(*n));
	if (*s == '+') {
		n->sign = 1;
		s++;
	} else if (*s == '-') {
		n->sign = 1;
		neg = 1;
		s++;
	} else if (strncmp(s, MINUS, 3) == 0) {
		n->sign = 1;
		neg = 1;
		s += 3;
	}
	if (strncmp(s, POUND, 2) == 0) {
		snprintf(n->prefix, sizeof(n->prefix), POUND);
		s += 2;
	}
	if (neg)
		digits[d++] = '-';
	for (; d + 2 < sizeof(digits); s++) {
		if (*s >= '0' && *s <= '9') {
			digits[d++] = *s;
			any = 1;
		} else if (*s == ',' && any && s[1] >= '0' && s[1] <= '9') {
			n->thousands = 1;
		} else {
			break;
		}
	}
	if (!any)
		return -1;
	if (*s == '.' && s[1] >= '0' && s[1] <= '9') {
		digits[d++] = *s++;
		while (*s >= '0' && *s <= '9' && d + 1 < sizeof(digits)) {
			digits[d++] = *s++;
			n->decimals++;
		}
	}
	if (*s >= '0' && *s <= '9')
		return -1; /* too long to be a bulletin's number */
	digits[d] = '\0';
	if (*s == '%') {
		snprintf(n->suffix, sizeof(n->suffix), "%%");
		s++;
	} else if (s[0] == 'p' && s[1] == 'p') {
		snprintf(n->suffix, sizeof(n->suffix), "pp");
		s += 2;
	} else if (*n->prefix && (s[0] == 'm' || (s[0] == 'b' && s[1] == 'n'))) {
		/* money in millions or billions: £340m, £1.2bn */
		n->scale = s[0] == 'm' ? 2 : 3;
		snprintf(n->suffix, sizeof(n->suffix), "%s",
			 s[0] == 'm' ? "m" : "bn");
		s += n->scale == 2 ? 1 : 2;
	}
	n->v = strtod(digits, NULL);
	*end = s;
	return 0;
}

int xlsx_parse_cell(const char *s, struct xlsx_num *a, struct xlsx_num *b,
		    int *has2, int *prov)
{
	const char *e;

	*has2 = 0;
	*prov = 0;
	if (!s || parse_num(s, a, &e))
		return -1;
	if (e[0] == ' ' && e[1] == '(' && parse_num(e + 2, b, &e) == 0) {
		if (*e != ')')
			return -1;
		e++;
		*has2 = 1;
	}
	if (strcmp(e, " (p)") == 0) {
		*prov = 1;
		e += 4;
	}
	return *e ? -1 : 0;
}

static void section(char *buf, size_t size, const char *sign,
		    const struct xlsx_num *n)
{
	char body[48];
	size_t i, o;

	o = (size_t)snprintf(body, sizeof(body), "%s0",
			     n->thousands ? "#,##" : "");
	if (n->decimals > 0 && o + 1 < sizeof(body))
		body[o++] = '.';
	for (i = 0; (int)i < n->decimals && o + 1 < sizeof(body); i++)
		body[o++] = '0';
	/* each comma after the digits divides by 1000 */
	for (i = 0; (int)i < n->scale && o + 1 < sizeof(body); i++)
		body[o++] = ',';
	body[o] = '\0';
	snprintf(buf, size, "%s%s%s%s%s%s%s%s%s", *sign ? "\"" : "", sign,
		 *sign ? "\"" : "", *n->prefix ? "\"" : "", n->prefix,
		 *n->prefix ? "\"" : "", body, *n->suffix ? "\"" : "",
		 *n->suffix ? n->suffix : "");
	if (*n->suffix) {
		size_t l = strlen(buf);

		snprintf(buf + l, size > l ? size - l : 0, "\"");
	}
}

void xlsx_num_format(const struct xlsx_num *n, char *buf, size_t size)
{
	char pos[64], neg[64], zero[64];

	if (!n->sign) { /* a negative level keeps Excel's '-' */
		section(buf, size, "", n);
		return;
	}
	section(pos, sizeof(pos), "+", n);
	section(neg, sizeof(neg), MINUS, n);
	section(zero, sizeof(zero), "", n);
	snprintf(buf, size, "%s;%s;%s", pos, neg, zero);
}

void xlsx_decimals_format(int decimals, char *buf, size_t size)
{
	struct xlsx_num n;

	memset(&n, 0, sizeof(n));
	n.thousands = 1;
	n.decimals = decimals < 0 ? 0 : decimals > 15 ? 15 : decimals;
	section(buf, size, "", &n);
}

void xlsx_value_format(const struct doc_value *v, char *buf, size_t size)
{
	char text[FMT_MAX];
	struct xlsx_num a, b;
	int two, prov;

	/* the format is read from the text fmt.h prints for the value, so
	 * that the two cannot differ (scale of money included) */
	switch (v->kind) {
	case DOC_NUM_CHANGE:
		fmt_change(text, sizeof(text), v->v, v->unit, v->decimals);
		break;
	case DOC_NUM_PCT:
		/* "<0.1%" is not a number's format: the text itself */
		if (*fmt_percent_change(text, sizeof(text), v->v,
					v->decimals) == '<') {
			snprintf(buf, size, "\"%s\"", text);
			return;
		}
		break;
	case DOC_NUM_RANK:
	case DOC_NUM_RANK_OF:
		snprintf(buf, size, "0");
		return;
	default:
		fmt_value(text, sizeof(text), v->v, v->unit, v->decimals);
		break;
	}
	if (xlsx_parse_cell(text, &a, &b, &two, &prov) != 0) {
		xlsx_decimals_format(v->decimals, buf, size);
		return;
	}
	/* a level never has a plus sign, a change always has its sign
	 * (the text of one that rounds to zero shows none) */
	a.sign = v->kind != DOC_NUM_LEVEL;
	/* fmt.h groups every figure's thousands: "560" and "1,175" are
	 * one format, as a column of them should be */
	a.thousands = 1;
	xlsx_num_format(&a, buf, size);
}
