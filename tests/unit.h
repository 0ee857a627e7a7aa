/*
 * unit.h - the few macros the C unit tests share. A failed CHECK prints
 * file:line and the expression and marks the test failed; the test goes on
 * so one run shows every failure. TEST_END returns the exit status.
 */
#ifndef METERD_UNIT_H
#define METERD_UNIT_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int unit_failures;
static int unit_checks;

#define CHECK(expr)                                                              \
	do {                                                                         \
		unit_checks++;                                                           \
		if (!(expr)) {                                                           \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #expr); \
			unit_failures++;                                                     \
		}                                                                        \
	} while (0)

#define CHECK_INT(a, b)                                                          \
	do {                                                                         \
		long long a_ = (long long)(a), b_ = (long long)(b);                      \
		unit_checks++;                                                           \
		if (a_ != b_) {                                                          \
			fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", __FILE__, \
			        __LINE__, #a, a_, #b, b_);                                   \
			unit_failures++;                                                     \
		}                                                                        \
	} while (0)

#define CHECK_STR(a, b)                                                          \
	do {                                                                         \
		const char *a_ = (a), *b_ = (b);                                         \
		unit_checks++;                                                           \
		if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {                   \
			fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__,   \
			        __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");       \
			unit_failures++;                                                     \
		}                                                                        \
	} while (0)

#define TEST_END()                                                               \
	do {                                                                         \
		if (unit_checks == 0) {                                                  \
			fprintf(stderr, "no checks ran\n");                                  \
			return 1;                                                            \
		}                                                                        \
		fprintf(stderr, "%d checks, %d failed\n", unit_checks, unit_failures);   \
		return unit_failures ? 1 : 0;                                            \
	} while (0)

#endif
