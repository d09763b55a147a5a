/*
 * spawn.c: argv splitting and fork+exec for scripts.
 *
 * Between fork() and exec() the child only makes system calls (no
 * allocation, no stdio): the environment array is built by the parent
 * before the fork.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "memory.h"
#include "spawn.h"

/* ---- argv splitting --------------------------------------------------- */

struct splitter {
	char **argv;
	size_t argc;
	char *word;	/* the word being built; never longer than the line */
	size_t len;
	bool in_word;	/* a quote starts a word even if it stays empty */
};

static void end_word(struct splitter *s)
{
	if (!s->in_word)
		return;
	s->argv = mem_reallocarray(s->argv, s->argc + 2, sizeof(*s->argv));
	s->argv[s->argc++] = mem_strndup(s->word, s->len);
	s->argv[s->argc] = NULL;
	s->len = 0;
	s->in_word = false;
}

static void add_char(struct splitter *s, char c)
{
	s->word[s->len++] = c;
	s->in_word = true;
}

/* Walks the line; returns 0 or -EINVAL. */
static int split(struct splitter *s, const char *p)
{
	char quote = 0;

	for (; *p; p++) {
		if (*p == '\\') {
			if (!p[1])
				return -EINVAL;
			add_char(s, *++p);
		} else if (quote) {
			if (*p == quote)
				quote = 0;
			else
				add_char(s, *p);
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
			s->in_word = true;
		} else if (isspace((unsigned char)*p)) {
			end_word(s);
		} else {
			add_char(s, *p);
		}
	}
	if (quote)
		return -EINVAL;
	end_word(s);
	return 0;
}

int spawn_argv_split(const char *cmdline, char ***argv_out)
{
	struct splitter s = { 0 };
	int ret;

	if (!cmdline || !argv_out)
		return -EINVAL;
	s.word = mem_zalloc(strlen(cmdline) + 1);
	s.argv = mem_new(char *);
	ret = split(&s, cmdline);
	mem_free(&s.word);
	if (ret < 0) {
		spawn_argv_free(&s.argv);
		return ret;
	}
	*argv_out = s.argv;
	return 0;
}

void spawn_argv_free(char ***argv)
{
	char **p;

	if (!argv || !*argv)
		return;
	for (p = *argv; *p; p++)
		mem_free(p);
	mem_free(argv);
}

/* ---- the environment -------------------------------------------------- */

static bool same_name(const char *a, const char *b)
{
	size_t n = strcspn(a, "=");

	return strncmp(a, b, n) == 0 && (b[n] == '=' || b[n] == '\0');
}

static bool overridden(const char *var, char *const *env_add)
{
	for (; *env_add; env_add++)
		if (same_name(*env_add, var))
			return true;
	return false;
}

/*
 * The caller's environment with env_add merged in. Only the array is
 * allocated: it points to the caller's strings.
 */
static char **env_build(char *const *env_add)
{
	size_t n = 0, i = 0, k;
	char **env;

	for (k = 0; environ && environ[k]; k++)
		n++;
	for (k = 0; env_add[k]; k++)
		n++;
	env = mem_calloc(n + 1, sizeof(*env));
	for (k = 0; environ && environ[k]; k++)
		if (!overridden(environ[k], env_add))
			env[i++] = environ[k];
	for (k = 0; env_add[k]; k++)
		env[i++] = env_add[k];
	env[i] = NULL;
	return env;
}

/* ---- the child ---------------------------------------------------------- */

/* A copy of fd above the standard ones, so that dup2() cannot clobber it. */
static int high_copy(int fd)
{
	return fcntl(fd, F_DUPFD_CLOEXEC, 3);
}

static int close_from_3(void)
{
	long fd, max;

	if (close_range(3, ~0u, 0) == 0)
		return 0;
	max = sysconf(_SC_OPEN_MAX);
	for (fd = 3; fd < max; fd++)
		close((int)fd);
	return 0;
}

static int setup_fds(const struct spawn_opts *opts)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	int in, out, err;

	if (null < 0)
		return -1;
	in = high_copy(null);
	out = opts->stdout_fd >= 0 ? high_copy(opts->stdout_fd) : in;
	err = opts->stderr_fd >= 0 ? high_copy(opts->stderr_fd) : in;
	if (in < 0 || out < 0 || err < 0)
		return -1;
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
		return -1;
	return close_from_3();
}

static void reset_signals(void)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t none;
	int signo;

	/*
	 * Fails for SIGKILL and SIGSTOP, which cannot change, and for the two
	 * signals libc keeps for itself (32, 33), which stay as inherited.
	 */
	for (signo = 1; signo < NSIG; signo++)
		sigaction(signo, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static int set_ids(const struct spawn_opts *opts)
{
	if (opts->gid != SPAWN_GID_UNCHANGED) {
		/* Without CAP_SETGID there are no extra groups to drop. */
		if (setgroups(1, &opts->gid) < 0 && errno != EPERM)
			return -1;
		if (setgid(opts->gid) < 0)
			return -1;
	}
	if (opts->uid != SPAWN_UID_UNCHANGED && setuid(opts->uid) < 0)
		return -1;
	return 0;
}

static void __attribute__((noreturn))
child(const struct spawn_opts *opts, char **envp, pid_t parent)
{
	if (setpgid(0, 0) < 0 || setup_fds(opts) < 0 || set_ids(opts) < 0)
		_exit(SPAWN_EXIT_FAILED);
	/* After set_ids(): changing credentials clears the death signal. */
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0 || getppid() != parent)
		_exit(SPAWN_EXIT_FAILED);
	reset_signals();
	execvpe(opts->argv[0], opts->argv, envp);
	_exit(SPAWN_EXIT_FAILED);
}

void spawn_opts_init(struct spawn_opts *opts, char *const *argv)
{
	*opts = (struct spawn_opts){
		.argv = argv,
		.uid = SPAWN_UID_UNCHANGED,
		.gid = SPAWN_GID_UNCHANGED,
		.stdout_fd = -1,
		.stderr_fd = -1,
	};
}

int spawn_process(const struct spawn_opts *opts, pid_t *pid_out)
{
	char *const no_env[] = { NULL };
	pid_t parent = getpid(), pid;
	char **envp;
	int err;

	if (!opts || !opts->argv || !opts->argv[0] || !pid_out)
		return -EINVAL;
	envp = env_build(opts->env_add ? opts->env_add : no_env);
	pid = fork();
	if (pid == 0)
		child(opts, envp, parent);
	err = errno;
	mem_free(&envp);
	if (pid < 0)
		return -err;
	/*
	 * The child does the same; doing it here too means the group exists
	 * when we return. It fails harmlessly if the child already exec'd.
	 */
	setpgid(pid, pid);
	*pid_out = pid;
	return 0;
}
