/*
 * cmdline.h: the daemon's command line, parsed into one plain struct.
 *
 * cmdline_parse() is pure: it prints nothing and exits nothing, so that
 * unit tests can call it. main() decides what to print and which status
 * to exit with.
 */
#ifndef KA_CMDLINE_H
#define KA_CMDLINE_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#define CMDLINE_DEFAULT_CONF	"/etc/keepalived/keepalived.conf"
#define CMDLINE_DEFAULT_PID	"/run/keepalived.pid"
#define CMDLINE_DEFAULT_VRRP_PID	"/run/keepalived_vrrp.pid"
#define CMDLINE_DEFAULT_CHECK_PID	"/run/keepalived_checkers.pid"
#define CMDLINE_DEFAULT_BFD_PID	"/run/keepalived_bfd.pid"

/* Exit status for a command line that cannot be used (as keepalived). */
#define CMDLINE_EXIT_USAGE	1

/* What the command line asks for, in the order main() honours them. */
enum cmdline_action {
	CMDLINE_RUN = 0,	/* the daemon */
	CMDLINE_HELP,
	CMDLINE_VERSION,
	CMDLINE_SIGNUM,
	CMDLINE_GENHASH,
	CMDLINE_CONFIG_TEST,
};

/* Every string is owned by the struct and freed by ka_options_clear(). */
struct ka_options {
	enum cmdline_action action;

	char *conf_file;		/* -f; default CMDLINE_DEFAULT_CONF */
	bool vrrp_only;			/* -P */
	bool check_only;		/* -C */
	bool no_bfd;			/* -B */
	bool all_children;		/* --all */

	bool log_console;		/* -l */
	bool log_detail;		/* -D */
	bool facility_set;
	int log_facility;		/* -S; LOG_DAEMON unless set */
	char *log_file;			/* -g */
	bool flush_log_file;		/* --flush-log-file */
	bool no_syslog;			/* -G */
	bool umask_set;
	mode_t umask;			/* -u */

	bool release_vips;		/* -X */
	bool dont_release_vrrp;		/* -V */
	bool dont_release_ipvs;		/* -I */
	bool dont_respawn;		/* -R */
	bool dont_fork;			/* -n */
	bool dump_conf;			/* -d */

	char *pid_file;			/* -p */
	char *vrrp_pid_file;		/* -r */
	char *checkers_pid_file;	/* -c */
	char *bfd_pid_file;		/* -b */

	bool address_monitoring;	/* -a */
	bool snmp;			/* -x */
	char *snmp_agent_socket;	/* -A */
	char *namespace;		/* -s */
	bool core_dump;			/* -m, implied by -M */
	char *core_dump_pattern;	/* -M[=P]; "core" when P omitted */
	bool all_config;		/* -e */
	char *config_id;		/* -i; NULL: the parser's default */

	char *signum;			/* --signum=NAME */
	char *config_test_log;		/* -t=FILE; NULL: stderr */
	bool debug_set;
	char *debug;			/* --debug[=opts]; NULL: all */
	bool perf_set;
	char *perf;			/* --perf[=all|run|end] */
	bool no_mem_check;		/* --no-mem-check */
	char *ipvs_record;		/* --ipvs-record=FILE: absolute path;
					 * NULL: the kernel's IPVS */
	bool ipvs_sockopt;		/* --ipvs-sockopt: IPVS through
					 * setsockopt, not generic netlink */

	/* Words that are not options, joined with spaces; NULL if none. */
	char *unexpected;
	/* Arguments after -T, for genhash mode. */
	int genhash_argc;
	char **genhash_argv;
};

/*
 * Parses argv into *out (which it initialises). Returns 0, or -EINVAL with
 * *err set to a message for the user (caller frees; no trailing newline).
 * On -EINVAL *out holds what was parsed and must still be cleared.
 * Unexpected words are not an error here: they are left in out->unexpected
 * because keepalived still honours -v or -t alongside them.
 */
int cmdline_parse(int argc, char **argv, struct ka_options *out, char **err);

/* Frees what *o owns and zeroes it. */
void ka_options_clear(struct ka_options *o);

/* The --help text. */
void cmdline_usage(FILE *out, const char *prog);

/* Options accepted but whose subsystem this build lacks, one per line,
 * "-x (SNMP)"; NULL when there are none. Caller frees. */
char *cmdline_unavailable(const struct ka_options *o);

#endif
