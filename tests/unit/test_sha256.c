/* test_sha256.c - SHA-256 against the FIPS 180-2 appendix B vectors, with
 * the CPU's SHA instructions (where present) and with the portable code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "sha256.h"

static void check(const char *msg, const char *want)
{
	char hex[SHA256_HEX_LEN];

	sha256_hex(msg, strlen(msg), hex);
	assert_string_equal(hex, want);
}

static void test_abc(void **state)
{
	(void)state;
	check("abc", "ba7816bf8f01cfea414140de5dae2223"
		     "b00361a396177a9cb410ff61f20015ad");
}

static void test_empty(void **state)
{
	(void)state;
	check("", "e3b0c44298fc1c149afbf4c8996fb924"
		  "27ae41e4649b934ca495991b7852b855");
}

static void test_448_bits(void **state)
{
	(void)state;
	check("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	      "248d6a61d20638b8e5c026930c3e6039"
	      "a33ce45964ff2167f6ecedd419db06c1");
}

/* One million 'a' fed in odd-sized pieces: exercises block buffering. */
static void test_million_a_streamed(void **state)
{
	struct sha256_ctx c;
	unsigned char d[SHA256_DIGEST_LEN];
	char hex[SHA256_HEX_LEN], chunk[997];
	size_t left = 1000000;

	(void)state;
	memset(chunk, 'a', sizeof(chunk));
	sha256_init(&c);
	while (left) {
		size_t n = left < sizeof(chunk) ? left : sizeof(chunk);
		sha256_update(&c, chunk, n);
		left -= n;
	}
	sha256_final(&c, d);
	sha256_to_hex(d, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
				 "f1809a48a497200e046d39ccc7112cd0");
}

/* 55, 56, 63, 64 bytes: the padding boundary cases (values from
 * coreutils sha256sum). */
static void test_padding_edges(void **state)
{
	char buf[65];

	(void)state;
	memset(buf, 'a', 64);
	buf[55] = '\0';
	check(buf, "9f4390f8d30c2dd92ec9f095b65e2b9a"
		   "e9b0a925a5258e241c9f1e910f734318");
	memset(buf, 'a', 64);
	buf[56] = '\0';
	check(buf, "b35439a4ac6f0948b6d6f9e3c6af0f5f"
		   "590ce20f1bde7090ef7970686ec6738a");
	memset(buf, 'a', 64);
	buf[64] = '\0';
	check(buf, "ffe054fe7ae0cb6dc65c3af9b61d5209"
		   "f439851db43d0ba5997337df154668eb");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abc),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_448_bits),
		cmocka_unit_test(test_million_a_streamed),
		cmocka_unit_test(test_padding_edges),
	};
	int failed = cmocka_run_group_tests_name("cpu", tests, NULL, NULL);

	sha256_set_portable(1);
	failed += cmocka_run_group_tests_name("portable", tests, NULL, NULL);
	return failed;
}
