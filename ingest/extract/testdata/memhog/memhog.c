/*
 * memhog is a reading program that runs out of memory the ways a real one
 * (poppler, tesseract: C programs) does, for the helper's tests
 * (helper_oom_test.go). It is C, not Go: a Go program reserves hundreds
 * of MiB of address space before it allocates a byte, so under a limit of
 * a few hundred MiB it could never hold most of it resident, and the
 * 32-bit build that could does not run on a kernel without 32-bit
 * support. MEMHOG says how:
 *
 *   silent   fills its memory until an allocation fails, its stderr sent
 *            to /dev/null first: exit status 2 and not a word
 *   foreign  takes memory until the kernel refuses it, then says so in
 *            German and exits 1
 *   killed   takes 32 MiB, then is killed outright, as the kernel's OOM
 *            killer kills: SIGKILL and not a word
 *   corrupt  complains of the file, as a reader of a damaged one does, and
 *            exits 1 holding little memory
 *   sleep    sleeps until it is killed
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* held keeps every block taken reachable, and volatile writes keep the
 * compiler from dropping blocks it could prove unread. */
static void *volatile held[1 << 16];
static size_t nheld;

/* take holds n more bytes, every page of them resident; 0 when refused. */
static int take(size_t n) {
	volatile char *b = malloc(n);
	if (b == NULL || nheld == sizeof held / sizeof held[0])
		return 0;
	for (size_t i = 0; i < n; i += 4096)
		b[i] = 1;
	held[nheld++] = (void *)b;
	return 1;
}

int main(void) {
	const char *mode = getenv("MEMHOG");
	if (mode == NULL)
		return 3;
	if (strcmp(mode, "silent") == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, 2);
		while (take(8 << 20))
			;
		while (take(1 << 20))
			;
		_exit(2);
	}
	if (strcmp(mode, "foreign") == 0) {
		while (take(8 << 20))
			;
		while (take(1 << 20))
			;
		fputs("Fehler: Speicher erschöpft\n", stderr);
		return 1;
	}
	if (strcmp(mode, "killed") == 0) {
		take(32 << 20);
		kill(getpid(), SIGKILL);
		sleep(60);
	}
	if (strcmp(mode, "corrupt") == 0) {
		take(1 << 20);
		fputs("Syntax Error (1234): Illegal character in 学分银行.pdf\n", stderr);
		return 1;
	}
	if (strcmp(mode, "sleep") == 0)
		sleep(3600);
	return 3;
}
