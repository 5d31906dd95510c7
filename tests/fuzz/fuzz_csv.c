/* fuzz_csv.c - libFuzzer target: see fuzz_targets.c (fuzz_csv). */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_csv(data, size);
}
