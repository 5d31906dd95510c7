/* fuzz_targets.h - the entry points the fuzzers and the regression replay
 * (tests/unit/test_fuzz_regress.c) share: one function per parser, taking
 * the raw input bytes. Each returns 0 when the parser returned cleanly
 * (accepted or refused the input with an error), whatever the input.
 *
 * Parsers that read files (config, template, notes, edition) are handed a
 * memfd path (/proc/self/fd/N) holding the bytes: no disk I/O and no change
 * to the library API. */
#ifndef EIMON_FUZZ_TARGETS_H
#define EIMON_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

typedef int (*fuzz_entry_fn)(const uint8_t *data, size_t size);

struct fuzz_target {
	const char *name;   /* folder name under tests/fuzz/regress */
	fuzz_entry_fn run;
};

int fuzz_config(const uint8_t *data, size_t size);
int fuzz_template(const uint8_t *data, size_t size);
int fuzz_notes(const uint8_t *data, size_t size);
int fuzz_edition(const uint8_t *data, size_t size);
int fuzz_period(const uint8_t *data, size_t size);
int fuzz_csv(const uint8_t *data, size_t size);
int fuzz_yamldoc(const uint8_t *data, size_t size);
int fuzz_feed_nomis_csv(const uint8_t *data, size_t size);
int fuzz_feed_ons_timeseries(const uint8_t *data, size_t size);
int fuzz_feed_ons_observations(const uint8_t *data, size_t size);
int fuzz_feed_jsonstat(const uint8_t *data, size_t size);
int fuzz_feed_csv(const uint8_t *data, size_t size);
int fuzz_feed_json(const uint8_t *data, size_t size);

extern const struct fuzz_target fuzz_targets[];

#endif
