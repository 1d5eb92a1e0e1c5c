#include "priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool tg_parse_decimal(const char *s, double *out)
{
	char tmp[64];
	size_t len = strlen(s);
	while (len && s[len - 1] == ' ')
		len--;
	while (len && *s == ' ')
		s++, len--;
	if (!len || len >= sizeof tmp)
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	char *comma = strchr(tmp, ',');
	if (comma) {
		if (strchr(tmp, '.') || strchr(comma + 1, ','))
			return false;
		*comma = '.';
	}
	for (char *p = tmp; *p; p++)
		if (!((*p >= '0' && *p <= '9') || *p == '.' || (p == tmp && (*p == '-' || *p == '+'))))
			return false;
	char *end;
	double v = strtod(tmp, &end);
	if (*end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

bool tg_parse_amount(const char *s, double *out, bool *percent)
{
	char tmp[64];
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (!len || len >= sizeof tmp)
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	*percent = tmp[len - 1] == '%';
	if (*percent) {
		tmp[--len] = '\0';
		/* "41 %", also with a no-break space as Swedish software writes it */
		while (len && tmp[len - 1] == ' ')
			tmp[--len] = '\0';
		if (len >= 2 && (unsigned char)tmp[len - 2] == 0xC2 && (unsigned char)tmp[len - 1] == 0xA0)
			tmp[len -= 2] = '\0';
	}
	double v;
	if (!tg_parse_decimal(tmp, &v))
		return false;
	*out = *percent ? v / 100 : v;
	return true;
}

bool tg_parse_share(const char *s, double *out)
{
	double v;
	bool percent;
	if (!tg_parse_amount(s, &v, &percent) || v < 0 || v > 1)
		return false;
	*out = round(v * 10000) / 10000;
	return true;
}


void tg_format_number(double v, char *out, size_t n)
{
	char num[400];   /* "%.15f" of the largest double: 309 digits and 16 */
	if (v == 0)
		v = 0;   /* no "-0" */
	snprintf(num, sizeof num, "%.15g", v);
	if (strchr(num, 'e')) {
		/* a small number: fixed-point, trailing zeros trimmed */
		snprintf(num, sizeof num, "%.15f", v);
		size_t len = strlen(num);
		while (len > 1 && num[len - 1] == '0')
			num[--len] = '\0';
		if (len && num[len - 1] == '.')
			num[--len] = '\0';
	}
	snprintf(out, n, "%s", num);
}
