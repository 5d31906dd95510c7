/* fuzz_edition.c - libFuzzer target: see fuzz_targets.c (fuzz_edition). */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_edition(data, size);
}
