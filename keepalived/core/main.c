/* Entry point; the command line arrives with the foundation work. */
#include "config.h"

#include <stdio.h>

#include "version.h"

int main(void)
{
	version_print(stdout);
	return 0;
}
