/*
 * genhash: the MD5 digest of a web page, for HTTP_GET and SSL_GET url
 * blocks (see genhash(1)).
 */
#include "config.h"

#include "genhash.h"

int main(int argc, char **argv)
{
	return genhash_main(argc, argv);
}
