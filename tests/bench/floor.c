/*
 * floor.c - cb-floor DIR...: the least any checker of these records must
 * do, as a yardstick for cb's speed. It walks the trees (readdir, in the
 * order the directory gives), reads every .yaml file whole and runs
 * libyaml's event parser over it to the end of the stream, deleting the
 * events; nothing else. Prints the files, the bytes and the seconds it took.
 *
 * Exit status: 0, or 2 when a file cannot be read; a file that libyaml
 * refuses still counts (cb would read it too) and is noted on stderr.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <yaml.h>

static unsigned long long files, bytes;
static unsigned long long bad;
static int status;
static unsigned char *data;
static size_t cap;

static int
is_yaml(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

static void
parse(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t len = 0, got;
	yaml_parser_t p;
	yaml_event_t ev;
	int done = 0;

	if (f == NULL) {
		fprintf(stderr, "cb-floor: %s: %s\n", path, strerror(errno));
		status = 2;
		return;
	}
	for (;;) {
		if (len == cap) {
			size_t ncap = cap ? cap * 2 : 1 << 16;
			unsigned char *n = realloc(data, ncap);

			if (n == NULL) {
				fprintf(stderr, "cb-floor: out of memory\n");
				exit(2);
			}
			data = n;
			cap = ncap;
		}
		got = fread(data + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "cb-floor: %s: read error\n", path);
		status = 2;
	}
	fclose(f);
	files++;
	bytes += len;

	if (!yaml_parser_initialize(&p)) {
		fprintf(stderr, "cb-floor: out of memory\n");
		exit(2);
	}
	yaml_parser_set_input_string(&p, data, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			bad++;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
}

static void
walk(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t dl = strlen(dir);

	if (d == NULL) {
		fprintf(stderr, "cb-floor: %s: %s\n", dir, strerror(errno));
		status = 2;
		return;
	}
	while ((e = readdir(d)) != NULL) {
		const char *name = e->d_name;
		size_t nl = strlen(name);
		char *path;
		struct stat st;

		if (name[0] == '.')
			continue; /* ., .., .git and hidden files */
		path = malloc(dl + nl + 2);
		if (path == NULL) {
			fprintf(stderr, "cb-floor: out of memory\n");
			exit(2);
		}
		memcpy(path, dir, dl);
		path[dl] = '/';
		memcpy(path + dl + 1, name, nl + 1);
		if (stat(path, &st) != 0) {
			fprintf(stderr, "cb-floor: %s: %s\n", path,
			    strerror(errno));
			status = 2;
		} else if (S_ISDIR(st.st_mode)) {
			walk(path);
		} else if (S_ISREG(st.st_mode) && is_yaml(name)) {
			parse(path);
		}
		free(path);
	}
	closedir(d);
}

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	double secs;

	if (argc < 2) {
		fprintf(stderr, "usage: cb-floor DIR...\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 1; i < argc; i++)
		walk(argv[i]);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%llu files, %llu bytes, %.3f s\n", files, bytes, secs);
	if (bad)
		fprintf(
		    stderr, "cb-floor: libyaml refused %llu file(s)\n", bad);
	free(data);
	return status;
}
