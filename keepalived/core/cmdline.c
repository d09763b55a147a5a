/*
 * cmdline.c: the daemon's options, read with popt into struct ka_options.
 */
#include "config.h"

#include <errno.h>
#include <popt.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "cmdline.h"
#include "cmdline_scan.h"
#include "log.h"
#include "memory.h"

/*
 * argInfo is POPT_ARG_NONE or POPT_ARG_STRING; every option is handled in
 * the loop of cmdline_parse() by its "val", so nothing here points into a
 * struct and the table can be static and const.
 */
#define OPT(l, s, a, d, ad) { l, s, a, NULL, s, d, ad }
#define LOPT(l, v, a, d, ad) { l, 0, a, NULL, v, d, ad }
#define STR POPT_ARG_STRING
#define OPTSTR (POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL)
#define NONE POPT_ARG_NONE

static const struct poptOption cmdline_table[] = {
	OPT("use-file", 'f', STR, NULL, NULL),
	OPT("vrrp", 'P', NONE, NULL, NULL),
	OPT("check", 'C', NONE, NULL, NULL),
	OPT("no_bfd", 'B', NONE, NULL, NULL),
	LOPT("all", CMDLINE_OPT_ALL, NONE, NULL, NULL),
	OPT("log-console", 'l', NONE, NULL, NULL),
	OPT("log-detail", 'D', NONE, NULL, NULL),
	OPT("log-facility", 'S', STR, NULL, NULL),
	OPT("log-file", 'g', STR, NULL, NULL),
	LOPT("flush-log-file", CMDLINE_OPT_FLUSH_LOG, NONE, NULL, NULL),
	OPT("no-syslog", 'G', NONE, NULL, NULL),
	OPT("umask", 'u', STR, NULL, NULL),
	OPT("release-vips", 'X', NONE, NULL, NULL),
	OPT("dont-release-vrrp", 'V', NONE, NULL, NULL),
	OPT("dont-release-ipvs", 'I', NONE, NULL, NULL),
	OPT("dont-respawn", 'R', NONE, NULL, NULL),
	OPT("dont-fork", 'n', NONE, NULL, NULL),
	OPT("dump-conf", 'd', NONE, NULL, NULL),
	OPT("pid", 'p', STR, NULL, NULL),
	OPT("vrrp_pid", 'r', STR, NULL, NULL),
	OPT("genhash", 'T', NONE, NULL, NULL),
	OPT("checkers_pid", 'c', STR, NULL, NULL),
	OPT("address-monitoring", 'a', NONE, NULL, NULL),
	OPT("bfd_pid", 'b', STR, NULL, NULL),
	OPT("snmp", 'x', NONE, NULL, NULL),
	OPT("snmp-agent-socket", 'A', STR, NULL, NULL),
	OPT("namespace", 's', STR, NULL, NULL),
	OPT("core-dump", 'm', NONE, NULL, NULL),
	OPT("core-dump-pattern", 'M', OPTSTR, NULL, NULL),
	OPT("all-config", 'e', NONE, NULL, NULL),
	OPT("config-id", 'i', STR, NULL, NULL),
	LOPT("signum", CMDLINE_OPT_SIGNUM, STR, NULL, NULL),
	OPT("config-test", 't', OPTSTR, NULL, NULL),
	LOPT("debug", CMDLINE_OPT_DEBUG, OPTSTR, NULL, NULL),
	LOPT("perf", CMDLINE_OPT_PERF, OPTSTR, NULL, NULL),
	LOPT("no-mem-check", CMDLINE_OPT_NO_MEM_CHECK, NONE, NULL, NULL),
	LOPT("ipvs-record", CMDLINE_OPT_IPVS_RECORD, STR, NULL, NULL),
	LOPT("ipvs-sockopt", CMDLINE_OPT_IPVS_SOCKOPT, NONE, NULL, NULL),
	OPT("version", 'v', NONE, NULL, NULL),
	OPT("help", 'h', NONE, NULL, NULL),
	POPT_TABLEEND
};

/* Raises the action; help beats version beats signum beats -t. */
static void want(struct ka_options *o, enum cmdline_action a)
{
	static const int rank[] = {
		[CMDLINE_RUN] = 0,
		[CMDLINE_CONFIG_TEST] = 1,
		[CMDLINE_GENHASH] = 2,
		[CMDLINE_SIGNUM] = 3,
		[CMDLINE_VERSION] = 4,
		[CMDLINE_HELP] = 5,
	};

	if (rank[a] > rank[o->action])
		o->action = a;
}

static void set_str(char **dst, const char *val)
{
	mem_free(dst);
	if (val)
		*dst = mem_strdup(val);
}

/* -u: numeric as in umask(1) (octal with a leading 0, or hex, or
 * decimal), and nothing beyond the permission bits. */
static int parse_umask(const char *s, mode_t *out)
{
	char *end;
	unsigned long v;

	if (!s || !*s)
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || v > 0777 || s[0] == '-')
		return -EINVAL;
	*out = (mode_t)v;
	return 0;
}

/* The children run with "/" as their directory once the parent has
 * detached, so a relative FILE is made absolute here, where it was
 * meant. */
static int set_abs_path(char **dst, const char *val, const char *opt,
			char **err)
{
	char *cwd;

	if (!val || !*val) {
		*err = mem_asprintf("Missing file name for %s", opt);
		return -EINVAL;
	}
	if (val[0] == '/') {
		set_str(dst, val);
		return 0;
	}
	cwd = getcwd(NULL, 0);
	if (!cwd) {
		*err = mem_asprintf("Cannot make %s's file '%s' absolute: %s",
				    opt, val, strerror(errno));
		return -EINVAL;
	}
	mem_free(dst);
	*dst = mem_asprintf("%s%s%s", cwd, cwd[1] ? "/" : "", val);
	free(cwd);
	return 0;
}

static int opt_value(struct ka_options *o, int val, const char *arg,
		     char **err)
{
	switch (val) {
	case CMDLINE_OPT_IPVS_RECORD:
		return set_abs_path(&o->ipvs_record, arg, "--ipvs-record", err);
	case 'S':
		if (log_facility_parse(arg, &o->log_facility) < 0) {
			*err = mem_asprintf("Invalid log facility '%s'", arg);
			return -EINVAL;
		}
		o->facility_set = true;
		return 0;
	case 'u':
		if (parse_umask(arg, &o->umask) < 0) {
			*err = mem_asprintf("Invalid --umask option '%s' "
					    "(a number no larger than 0777)",
					    arg);
			return -EINVAL;
		}
		o->umask_set = true;
		return 0;
	case 'f': set_str(&o->conf_file, arg); return 0;
	case 'g': set_str(&o->log_file, arg); return 0;
	case 'p': set_str(&o->pid_file, arg); return 0;
	case 'r': set_str(&o->vrrp_pid_file, arg); return 0;
	case 'c': set_str(&o->checkers_pid_file, arg); return 0;
	case 'b': set_str(&o->bfd_pid_file, arg); return 0;
	case 'A': set_str(&o->snmp_agent_socket, arg); return 0;
	case 's': set_str(&o->namespace, arg); return 0;
	case 'i': set_str(&o->config_id, arg); return 0;
	}
	return 1;	/* not an option with a value */
}

/* Options whose value is optional; arg is NULL when none was attached. */
static int opt_optional(struct ka_options *o, int val, const char *arg)
{
	switch (val) {
	case 'M':
		o->core_dump = true;
		set_str(&o->core_dump_pattern, arg ? arg : "core");
		return 0;
	case 't':
		want(o, CMDLINE_CONFIG_TEST);
		set_str(&o->config_test_log, arg);
		return 0;
	case CMDLINE_OPT_DEBUG:
		o->debug_set = true;
		set_str(&o->debug, arg);
		return 0;
	case CMDLINE_OPT_PERF:
		o->perf_set = true;
		set_str(&o->perf, arg ? arg : "run");
		return 0;
	case CMDLINE_OPT_SIGNUM:
		want(o, CMDLINE_SIGNUM);
		set_str(&o->signum, arg);
		return 0;
	}
	return 1;
}

static bool *flag_of(struct ka_options *o, int val)
{
	switch (val) {
	case 'P': return &o->vrrp_only;
	case 'C': return &o->check_only;
	case 'B': return &o->no_bfd;
	case CMDLINE_OPT_ALL: return &o->all_children;
	case 'l': return &o->log_console;
	case 'D': return &o->log_detail;
	case CMDLINE_OPT_FLUSH_LOG: return &o->flush_log_file;
	case 'G': return &o->no_syslog;
	case 'X': return &o->release_vips;
	case 'V': return &o->dont_release_vrrp;
	case 'I': return &o->dont_release_ipvs;
	case 'R': return &o->dont_respawn;
	case 'n': return &o->dont_fork;
	case 'd': return &o->dump_conf;
	case 'a': return &o->address_monitoring;
	case 'x': return &o->snmp;
	case 'm': return &o->core_dump;
	case 'e': return &o->all_config;
	case CMDLINE_OPT_NO_MEM_CHECK: return &o->no_mem_check;
	case CMDLINE_OPT_IPVS_SOCKOPT: return &o->ipvs_sockopt;
	}
	return NULL;
}

static int opt_one(struct ka_options *o, int val, const char *arg,
		   char **err)
{
	bool *flag;
	int r;

	if (val == 'v') {
		want(o, CMDLINE_VERSION);
		return 0;
	}
	if (val == 'h') {
		want(o, CMDLINE_HELP);
		return 0;
	}
	if (val == 'T') {
		/* Not first: keepalived still switches to genhash. */
		want(o, CMDLINE_GENHASH);
		return 0;
	}
	flag = flag_of(o, val);
	if (flag) {
		*flag = true;
		return 0;
	}
	r = opt_optional(o, val, arg);
	if (r <= 0)
		return r;
	return opt_value(o, val, arg, err);
}

static void add_unexpected(struct ka_options *o, const char *word)
{
	char *joined;

	if (!o->unexpected) {
		o->unexpected = mem_strdup(word);
		return;
	}
	joined = mem_asprintf("%s %s", o->unexpected, word);
	mem_free(&o->unexpected);
	o->unexpected = joined;
}

static void set_defaults(struct ka_options *o)
{
	memset(o, 0, sizeof(*o));
	o->conf_file = mem_strdup(CMDLINE_DEFAULT_CONF);
	o->pid_file = mem_strdup(CMDLINE_DEFAULT_PID);
	o->vrrp_pid_file = mem_strdup(CMDLINE_DEFAULT_VRRP_PID);
	o->checkers_pid_file = mem_strdup(CMDLINE_DEFAULT_CHECK_PID);
	o->bfd_pid_file = mem_strdup(CMDLINE_DEFAULT_BFD_PID);
	o->log_facility = LOG_DAEMON;
}

/* -T must come first: everything after it belongs to genhash. */
static bool genhash_mode(int argc, char **argv, struct ka_options *o)
{
	int i;

	if (argc < 2 || (strcmp(argv[1], "-T") && strcmp(argv[1], "--genhash")))
		return false;
	o->action = CMDLINE_GENHASH;
	o->genhash_argc = argc - 2;
	o->genhash_argv = mem_calloc((size_t)argc, sizeof(char *));
	for (i = 2; i < argc; i++)
		o->genhash_argv[i - 2] = mem_strdup(argv[i]);
	return true;
}

static char *popt_error(poptContext ctx, int rc)
{
	const char *opt = poptBadOption(ctx, POPT_BADOPTION_NOALIAS);

	if (rc == POPT_ERROR_BADOPT)
		return mem_asprintf("Unknown option %s", opt);
	if (rc == POPT_ERROR_NOARG)
		return mem_asprintf("Missing parameter for option %s", opt);
	return mem_asprintf("%s: %s", opt, poptStrerror(rc));
}

static int run_popt(int argc, char **argv, struct ka_options *o,
		    struct cmdline_scan *scan, char **err)
{
	poptContext ctx;
	const char *word;
	int rc, r = 0;

	ctx = poptGetContext("keepalived", argc, (const char **)argv,
			     cmdline_table, 0);
	if (!ctx) {
		*err = mem_strdup("Cannot read the command line");
		return -EINVAL;
	}
	while ((rc = poptGetNextOpt(ctx)) > 0) {
		char *arg = poptGetOptArg(ctx);
		const char *stolen = cmdline_scan_stolen(scan, rc, arg);

		if (stolen) {
			/* popt took the next word as the optional value;
			 * keepalived only takes an attached one. */
			add_unexpected(o, stolen);
			r = opt_one(o, rc, NULL, err);
		} else {
			r = opt_one(o, rc, arg, err);
		}
		free(arg);
		if (r < 0)
			break;
	}
	if (r == 0 && rc < -1) {
		*err = popt_error(ctx, rc);
		r = -EINVAL;
	}
	while (r == 0 && (word = poptGetArg(ctx)))
		add_unexpected(o, word);
	poptFreeContext(ctx);
	return r;
}

int cmdline_parse(int argc, char **argv, struct ka_options *out, char **err)
{
	struct cmdline_scan scan;
	int r;

	*err = NULL;
	set_defaults(out);
	if (genhash_mode(argc, argv, out))
		return 0;
	cmdline_scan_init(&scan, argc, argv);
	r = run_popt(argc, argv, out, &scan, err);
	cmdline_scan_clear(&scan);
	return r;
}

void ka_options_clear(struct ka_options *o)
{
	char **strs[] = {
		&o->conf_file, &o->log_file, &o->pid_file, &o->vrrp_pid_file,
		&o->checkers_pid_file, &o->bfd_pid_file,
		&o->snmp_agent_socket, &o->namespace, &o->core_dump_pattern,
		&o->config_id, &o->signum, &o->config_test_log, &o->debug,
		&o->perf, &o->unexpected, &o->ipvs_record,
	};
	size_t i;
	int j;

	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		mem_free(strs[i]);
	for (j = 0; o->genhash_argv && j < o->genhash_argc; j++)
		mem_free(&o->genhash_argv[j]);
	mem_free(&o->genhash_argv);
	memset(o, 0, sizeof(*o));
}
