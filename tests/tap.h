/* tap.h: the few lines of TAP (the Test Anything Protocol, which meson
 * reads) that the C unit tests share: ok() one assertion, tap_done() the
 * plan line and the exit status. */
#ifndef TRYGG_TESTS_TAP_H
#define TRYGG_TESTS_TAP_H

#include <stdbool.h>
#include <stdio.h>

static int n, failed;

static void ok(bool cond, const char *desc)
{
	n++;
	if (!cond)
		failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n, desc);
}

static int tap_done(void)
{
	printf("1..%d\n", n);
	return failed ? 1 : 0;
}

#endif
