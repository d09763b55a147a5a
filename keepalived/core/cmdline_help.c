/*
 * cmdline_help.c: --help, and the list of options this build accepts but
 * cannot act on yet.
 */
#include "config.h"

#include <string.h>

#include "cmdline.h"
#include "memory.h"

struct help_line {
	const char *opts;	/* "-f, --use-file=FILE" */
	const char *text;	/* continuation lines start with '\n' */
};

static const struct help_line help_lines[] = {
	{ "-f, --use-file=FILE", "Read the configuration from FILE\n"
	  "default '" CMDLINE_DEFAULT_CONF "'" },
	{ "-P, --vrrp", "Run the VRRP subsystem only" },
	{ "-C, --check", "Run the health-checker subsystem only" },
	{ "-B, --no_bfd", "Do not run the BFD subsystem" },
	{ "    --all", "Start every child process, even one with nothing "
	  "configured" },
	{ "-l, --log-console", "Also log to the console" },
	{ "-D, --log-detail", "Log more detail" },
	{ "-S, --log-facility=([0-7]|local[0-7]|user|daemon)",
	  "\nSyslog facility: LOG_LOCAL[0-7], user or daemon (the default)" },
	{ "-g, --log-file=FILE", "Log to FILE as well" },
	{ "    --flush-log-file", "Flush the log file after every line" },
	{ "-G, --no-syslog", "Do not log through syslog" },
	{ "-u, --umask=MASK", "File creation mask, as a number" },
	{ "-X, --release-vips", "Drop the VIPs on a transition caused by "
	  "a signal" },
	{ "-V, --dont-release-vrrp", "Leave VIPs and virtual routes in place "
	  "when stopping" },
	{ "-I, --dont-release-ipvs", "Leave the IPVS table in place when "
	  "stopping" },
	{ "-R, --dont-respawn", "Do not restart child processes that exit" },
	{ "-n, --dont-fork", "Stay in the foreground" },
	{ "-d, --dump-conf", "Log the configuration once it is read" },
	{ "-p, --pid=FILE", "Pid file of the parent process" },
	{ "-r, --vrrp_pid=FILE", "Pid file of the VRRP process" },
	{ "-T, --genhash", "Behave as genhash (must be the first option)" },
	{ "-c, --checkers_pid=FILE", "Pid file of the checker process" },
	{ "-a, --address-monitoring", "Log every address added or removed, "
	  "as netlink reports it" },
	{ "-b, --bfd_pid=FILE", "Pid file of the BFD process" },
	{ "-x, --snmp", "Enable the SNMP subsystem" },
	{ "-A, --snmp-agent-socket=FILE", "Socket of the SNMP master agent" },
	{ "-s, --namespace=NAME", "Run in network namespace NAME (wins over "
	  "the configuration)" },
	{ "-m, --core-dump", "Allow a core dump if the program crashes" },
	{ "-M, --core-dump-pattern[=PATN]", "As -m, and set "
	  "/proc/sys/kernel/core_pattern\nto PATN (default 'core')" },
	{ "-e, --all-config", "Fail if any configuration file is missing "
	  "(like includet)" },
	{ "-i, --config-id id", "Skip lines starting '@' whose id is not id,"
	  "\nand lines starting '@^' whose id is id.\n"
	  "Without -i the id is the node name" },
	{ "    --signum=SIGFUNC", "Print the signal number of STOP, RELOAD, "
	  "DATA, STATS, STATS_CLEAR or JSON" },
	{ "-t, --config-test[=LOG_FILE]", "Check the configuration and exit;"
	  "\nmessages go to stderr unless LOG_FILE is given" },
	{ "    --debug[=opts]", "Enable debug options" },
	{ "    --perf[={all|run|end}]", "Record perf data of the VRRP "
	  "process" },
	{ "    --no-mem-check", "Disable the memory allocation checks" },
	{ "    --ipvs-record=FILE", "Do not program the kernel's IPVS: keep "
	  "the table in\nFILE, in the layout of 'ipvsadm -Ln'" },
	{ "    --ipvs-sockopt", "Program IPVS through its setsockopt "
	  "interface,\nnot generic netlink" },
	{ "-v, --version", "Print the version and exit" },
	{ "-h, --help", "Print this help and exit" },
};

#define HELP_COL 31

/* The description starts at HELP_COL; its continuation lines one column
 * further in, so that they read as part of the same entry. */
static void help_entry(FILE *out, const struct help_line *h)
{
	const char *text = h->text;
	int col = fprintf(out, "  %s", h->opts);
	int indent = HELP_COL;

	if (text[0] == '\n' || col >= HELP_COL) {
		fputc('\n', out);
		col = 0;
		if (text[0] == '\n')
			text++;
	}
	for (;;) {
		const char *nl = strchr(text, '\n');
		int len = nl ? (int)(nl - text) : (int)strlen(text);

		fprintf(out, "%*s%.*s\n", indent - col, "", len, text);
		if (!nl)
			break;
		text = nl + 1;
		col = 0;
		indent = HELP_COL + 1;
	}
}

void cmdline_usage(FILE *out, const char *prog)
{
	size_t i;

	fprintf(out, "Usage: %s [OPTION...]\n", prog);
	for (i = 0; i < sizeof(help_lines) / sizeof(help_lines[0]); i++)
		help_entry(out, &help_lines[i]);
}

static void add_line(char **list, const char *opt, const char *what)
{
	char *l = mem_asprintf("%s%s%s (%s)", *list ? *list : "",
			       *list ? "\n" : "", opt, what);

	mem_free(list);
	*list = l;
}

char *cmdline_unavailable(const struct ka_options *o)
{
	char *list = NULL;

	if (!KA_WITH_SNMP && (o->snmp || o->snmp_agent_socket))
		add_line(&list, "-x/-A", "SNMP");
	if (o->perf_set)
		add_line(&list, "--perf", "perf recording");
	if (o->debug_set)
		add_line(&list, "--debug", "debug options");
	return list;
}
