/* fuzz_period.c - libFuzzer target: see fuzz_targets.c (fuzz_period). */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_period(data, size);
}
