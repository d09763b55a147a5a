/*
 * genhash computes the digest of a web page for HTTP_GET and SSL_GET
 * checks. It arrives with the health checkers; until then it says so
 * rather than pretending.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	(void)argc;
	fprintf(stderr, "%s: not available yet in this build "
		"(it arrives with the health checkers)\n", argv[0]);
	return 2;
}
