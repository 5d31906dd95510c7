/* fuzz_feed_ons_observations.c - libFuzzer target: see fuzz_targets.c (fuzz_feed_ons_observations). */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed_ons_observations(data, size);
}
