/* fuzz_feed_json.c - libFuzzer target: see fuzz_targets.c (fuzz_feed_json). */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed_json(data, size);
}
