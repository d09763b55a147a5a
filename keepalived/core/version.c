#include "config.h"

#include <sys/utsname.h>

#include "version.h"

void version_print(FILE *out)
{
	struct utsname u;

	fprintf(out, "Keepalived v%s\n\n", PACKAGE_VERSION);
	if (uname(&u) == 0)
		fprintf(out, "Running on %s %s %s\n\n", u.sysname, u.release,
			u.version);
	fprintf(out, "configure options: %s\n\n", KA_CONFIGURE_ARGS);
	fprintf(out, "Config options:  %s\n", KA_BUILD_OPTIONS);
}
