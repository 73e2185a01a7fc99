/*
 * standalone.c - replay a fuzz corpus without libFuzzer (libgit2's
 * standalone_driver.c): every file under the directories given is run
 * through LLVMFuzzerTestOneInput() once with each reader selector, so the
 * corpus is an ordinary test under any compiler and the sanitizers.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int files;

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long len;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		perror(path);
		if (f)
			fclose(f);
		return 1;
	}
	buf = malloc((size_t)len + 1);
	if (buf == NULL || fread(buf + 1, 1, (size_t)len, f) != (size_t)len) {
		perror(path);
		free(buf);
		fclose(f);
		return 1;
	}
	fclose(f);
	for (int sel = 0; sel < 5; sel++) {
		buf[0] = (unsigned char)sel;
		LLVMFuzzerTestOneInput(buf, (size_t)len + 1);
	}
	free(buf);
	files++;
	return 0;
}

static int
run_dir(const char *dir)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, alphasort), rc = 0;

	if (n < 0) {
		perror(dir);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		char path[4096];
		struct stat st;

		if (ents[i]->d_name[0] != '.') {
			snprintf(
			    path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
			if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
				rc |= run_dir(path);
			else
				rc |= run_file(path);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int
main(int argc, char **argv)
{
	int rc = 0;

	for (int i = 1; i < argc; i++)
		rc |= run_dir(argv[i]);
	printf("replayed %d files: %d passed, %d failed\n", files,
	    rc ? files - 1 : files, rc ? 1 : 0);
	return rc;
}
