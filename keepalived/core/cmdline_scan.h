/*
 * cmdline_scan.h: finds the options with an optional value (-t, -M,
 * --debug, --perf) that were given bare.
 *
 * popt gives such an option the next word as its value when that word
 * does not start with '-'; keepalived only takes a value attached to the
 * option ("-tFILE", "--config-test=FILE"). The difference matters:
 * "keepalived -t /etc/keepalived/keepalived.conf" must not take the
 * configuration file as the log file to write. This pre-scan of argv lets
 * cmdline_parse() give such a word back.
 */
#ifndef KA_CMDLINE_SCAN_H
#define KA_CMDLINE_SCAN_H

#include <stdbool.h>
#include <stddef.h>

/* popt "val" codes of the long-only options (short ones use their letter). */
enum cmdline_long_val {
	CMDLINE_OPT_ALL = 256,
	CMDLINE_OPT_FLUSH_LOG,
	CMDLINE_OPT_SIGNUM,
	CMDLINE_OPT_DEBUG,
	CMDLINE_OPT_PERF,
	CMDLINE_OPT_NO_MEM_CHECK,
	CMDLINE_OPT_IPVS_SOCKOPT,
	CMDLINE_OPT_IPVS_RECORD,
};

struct cmdline_bare {
	int val;		/* the option's popt val */
	const char *next;	/* the word popt would take, or NULL */
	bool used;
};

struct cmdline_scan {
	size_t count;
	struct cmdline_bare *opts;	/* every occurrence, in argv order */
};

void cmdline_scan_init(struct cmdline_scan *s, int argc, char **argv);
void cmdline_scan_clear(struct cmdline_scan *s);

/*
 * Called for each option popt returns, in order. Returns the word popt
 * took from the following argument for an option given bare, or NULL if
 * "arg" (popt's value) was really attached.
 */
const char *cmdline_scan_stolen(struct cmdline_scan *s, int val,
				const char *arg);

#endif
