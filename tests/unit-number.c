/*
 * unit-number: lib/number.c's numbers as a person types them for an
 * indicator (tg_parse_amount: "0,33", "33 %", a count) and as a plan file
 * writes them (tg_format_number: plain decimals, never an exponent or
 * "-0"), and tg_indicator_value's checks against an indicator's unit.
 * TAP on stdout.
 */
#include "trygg.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static void amount(const char *typed, bool good, double want, bool want_percent)
{
	double v = -99;
	bool percent = false;
	bool got = tg_parse_amount(typed, &v, &percent);
	char desc[128];
	snprintf(desc, sizeof desc, "'%s' %s", typed, good ? "reads" : "is refused");
	ok(got == good && (!good || (v > want - 1e-12 && v < want + 1e-12 &&
				     percent == want_percent)), desc);
}

static void format(double v, const char *want)
{
	char out[64], desc[128];
	tg_format_number(v, out, sizeof out);
	snprintf(desc, sizeof desc, "%.17g is written '%s' (got '%s')", v, want, out);
	ok(!strcmp(out, want), desc);
}

static void value(enum tg_unit unit, const char *typed, const char *want)
{
	struct tg_indicator ind = { .id = "P1.I1", .name = "x", .unit = unit };
	struct tg_diags d = TG_DIAGS_INIT;
	char *got = tg_indicator_value(&ind, typed, "the value", &d);
	char desc[128];
	snprintf(desc, sizeof desc, "unit %d: '%s' %s%s", (int)unit, typed,
		 want ? "is " : "is refused", want ? want : "");
	ok(want ? got && !strcmp(got, want) && !d.n : !got && d.n == 1, desc);
	free(got);
	tg_diags_release(&d);
}

int main(void)
{
	amount("0.33", true, 0.33, false);
	amount("0,33", true, 0.33, false);
	amount(" 120 ", true, 120, false);
	amount("-3", true, -3, false);
	amount("33 %", true, 0.33, true);
	amount("33%", true, 0.33, true);
	amount("33,5 %", true, 0.335, true);
	amount("33\xc2\xa0%", true, 0.33, true);
	amount("3,3,3", false, 0, false);
	amount("0.3,3", false, 0, false);
	amount("1e5", false, 0, false);
	amount("%", false, 0, false);
	amount("", false, 0, false);
	amount("0x10", false, 0, false);
	amount("inf", false, 0, false);

	format(0.33, "0.33");
	format(33.0 / 100, "0.33");
	format(0.1 + 0.2, "0.3");
	format(120, "120");
	format(1e12, "1000000000000");
	format(-3, "-3");
	format(-0.0, "0");
	format(1e-7, "0.0000001");
	format(2.5e-5, "0.000025");

	value(TG_UNIT_SHARE, "33 %", "0.33");
	value(TG_UNIT_SHARE, "0,33", "0.33");
	value(TG_UNIT_SHARE, "33", NULL);
	value(TG_UNIT_SHARE, "-0.1", NULL);
	value(TG_UNIT_COUNT, "104", "104");
	value(TG_UNIT_COUNT, "40 %", NULL);
	value(TG_UNIT_INDEX, "2,8", "2.8");
	value(TG_UNIT_NONE, "36 %", "0.36");
	value(TG_UNIT_RATE, "3,3,3", NULL);
	value(TG_UNIT_RATE, "2e12", NULL);
	return tap_done();
}
