/* schema_checks.c - validators that several schemas share. */
#include "schema.h"

#include <string.h>

#include "period.h"
#include "banned.h"

int schema_only_chars(const char *s, const char *allowed)
{
	return s[strspn(s, allowed)] == '\0';
}

int schema_check_period(const struct ydoc_node *n, const void *field,
			const char **why)
{
	const char *s = *(char *const *)field;
	struct period p;

	(void)n;
	if (period_parse(s, strlen(s), &p)) {
		*why = "not a period (e.g. 2020-02, 2020-Q1, 2020-W10, 2020)";
		return -1;
	}
	return 0;
}
