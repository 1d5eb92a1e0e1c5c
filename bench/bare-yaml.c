/*
 * bare-yaml: the cost that cannot be avoided when reading plan files —
 * libyaml's event parser over the same bytes, nothing else.
 *
 *   bare-yaml FILE...      prints "files bytes events seconds"
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <yaml.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double t0 = now();
	unsigned long long bytes = 0, events = 0;
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		fseek(f, 0, SEEK_END);
		long len = ftell(f);
		rewind(f);
		unsigned char *s = malloc((size_t)len + 1);
		if (!s || fread(s, 1, (size_t)len, f) != (size_t)len)
			return 1;
		fclose(f);
		bytes += (unsigned long long)len;
		yaml_parser_t p;
		yaml_parser_initialize(&p);
		yaml_parser_set_input_string(&p, s, (size_t)len);
		for (;;) {
			yaml_event_t ev;
			if (!yaml_parser_parse(&p, &ev)) {
				fprintf(stderr, "%s: %s\n", argv[i], p.problem);
				return 1;
			}
			events++;
			int end = ev.type == YAML_STREAM_END_EVENT;
			yaml_event_delete(&ev);
			if (end)
				break;
		}
		yaml_parser_delete(&p);
		free(s);
	}
	printf("%d %llu %llu %.6f\n", argc - 1, bytes, events, now() - t0);
	return 0;
}
