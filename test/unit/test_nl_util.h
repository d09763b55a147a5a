/* test_nl_util.h: splits a line into words, as the parser hands them. */
#ifndef TEST_NL_UTIL_H
#define TEST_NL_UTIL_H

#include <stdio.h>
#include <string.h>

#define TEST_WORDS_MAX 64

struct test_words {
	char buf[1024];
	const char *w[TEST_WORDS_MAX];
	size_t n;
};

static inline void test_split(struct test_words *tw, const char *line)
{
	char *save, *tok;

	snprintf(tw->buf, sizeof(tw->buf), "%s", line);
	tw->n = 0;
	for (tok = strtok_r(tw->buf, " ", &save); tok && tw->n < TEST_WORDS_MAX;
	     tok = strtok_r(NULL, " ", &save))
		tw->w[tw->n++] = tok;
}

#endif
