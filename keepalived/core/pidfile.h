/*
 * pidfile.h: the pid files of the parent and of each child, and where
 * they go.
 *
 * Defaults, as the keepalived 2.2.7 binary places them:
 *   plain                    /run/keepalived.pid, /run/keepalived_vrrp.pid,
 *                            /run/keepalived_checkers.pid
 *   use_pid_dir              /run/keepalived/{keepalived,vrrp,checkers}.pid
 *   instance NAME            /run/keepalived/{keepalived,vrrp,checkers}_NAME.pid
 *   -s NS / net_namespace NS /run/keepalived/NS/{keepalived,vrrp,checkers}.pid
 *                            (with an instance too: ..._NAME.pid in there)
 * keepalived(8) says /run/keepalived/keepalived_NS; the binary uses
 * /run/keepalived/NS, seen from outside its private mount namespace, and
 * we follow the binary, without the mount namespace.
 * A path given with -p, -r or -c always wins.
 */
#ifndef KA_PIDFILE_H
#define KA_PIDFILE_H

#include <stdbool.h>
#include <sys/types.h>

#include "cmdline.h"

#define PIDFILE_DIR "/run/keepalived"

struct pidfile_paths {
	char *parent;
	char *vrrp;
	char *checker;
	char *dir;	/* a directory the daemon makes, or NULL */
};

/*
 * Fills *out from the options and the configuration's net_namespace,
 * instance and use_pid_dir (netns and instance may be NULL; -s wins over
 * net_namespace). Pure. Free with pidfile_paths_clear().
 */
void pidfile_paths_get(const struct ka_options *o, const char *netns,
		       const char *instance, bool use_pid_dir,
		       struct pidfile_paths *out);
void pidfile_paths_clear(struct pidfile_paths *p);

/* Reads "pid\n" as written by pidfile_write(). Returns 0 and sets *out,
 * or -EINVAL. Pure. */
int pidfile_parse(const char *text, pid_t *out);

/*
 * The pid of a live process other than this one that path names, or 0
 * (no file, unreadable content, or a pid that no longer exists).
 */
pid_t pidfile_owner(const char *path);

/* Writes "pid\n" to path, replacing the file atomically (a reader never
 * sees a half-written file). Returns 0 or a negative errno. */
int pidfile_write(const char *path, pid_t pid);
/* Removes path if it still holds pid. Returns 0 or a negative errno. */
int pidfile_remove(const char *path, pid_t pid);

#endif
