/*
 * snmp_agent.c: net-snmp's AgentX sub-agent, driven by our event loop.
 *
 * net-snmp tells which descriptors it reads and when its next alarm or
 * retransmission is due (snmp_select_info2); we watch exactly those with
 * one-shot loop events and ask again after each of them, so a connection
 * that net-snmp re-opens (the master agent restarted) is picked up. Its
 * alarms run from our timer, never from SIGALRM.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/library/large_fd_set.h>

#include "cmdline.h"
#include "event.h"
#include "global_data.h"
#include "log.h"
#include "memory.h"
#include "ratelimit.h"
#include "snmp_agent.h"

/* More than net-snmp ever uses for one AgentX session and its pings. */
#define SNMP_AGENT_MAX_FDS 16

/* One descriptor net-snmp wants read. */
struct snmp_watch {
	struct snmp_agent *agent;
	struct event *ev;
	int fd;
};

struct snmp_agent {
	struct event_loop *loop;
	char *name;
	struct snmp_watch w[SNMP_AGENT_MAX_FDS];
	struct event *alarm;
	struct ratelimit log_rl;
};

static void on_read(struct event_loop *loop, const struct event_info *info);
static void on_alarm(struct event_loop *loop, const struct event_info *info);

static void unwatch(struct snmp_agent *a)
{
	for (int i = 0; i < SNMP_AGENT_MAX_FDS; i++)
		event_cancel(&a->w[i].ev);
	event_cancel(&a->alarm);
}

static void watch_fds(struct snmp_agent *a, netsnmp_large_fd_set *set,
		      int numfds)
{
	int n = 0;

	for (int fd = 0; fd < numfds && n < SNMP_AGENT_MAX_FDS; fd++) {
		if (!NETSNMP_LARGE_FD_ISSET(fd, set))
			continue;
		a->w[n].agent = a;
		a->w[n].fd = fd;
		if (event_add_read(a->loop, &a->w[n].ev, fd, 0, on_read,
				   &a->w[n]) == 0)
			n++;
	}
}

void snmp_agent_sync(struct snmp_agent *a)
{
	netsnmp_large_fd_set set;
	struct timeval tv = { 0, 0 };
	int numfds = 0, block = 1;

	if (!a)
		return;
	unwatch(a);
	netsnmp_large_fd_set_init(&set, FD_SETSIZE);
	snmp_select_info2(&numfds, &set, &tv, &block);
	watch_fds(a, &set, numfds);
	netsnmp_large_fd_set_cleanup(&set);
	if (!block) {
		uint64_t us = (uint64_t)tv.tv_sec * 1000000u + (uint64_t)tv.tv_usec;
		event_add_timer(a->loop, &a->alarm, us, on_alarm, a);
	}
}

static void on_read(struct event_loop *loop, const struct event_info *info)
{
	struct snmp_watch *w = info->arg;
	struct snmp_agent *a = w->agent;
	netsnmp_large_fd_set set;

	(void)loop;
	netsnmp_large_fd_set_init(&set, FD_SETSIZE);
	NETSNMP_LARGE_FD_SET(w->fd, &set);
	snmp_read2(&set);
	netsnmp_large_fd_set_cleanup(&set);
	snmp_agent_sync(a);
}

static void on_alarm(struct event_loop *loop, const struct event_info *info)
{
	struct snmp_agent *a = info->arg;

	(void)loop;
	snmp_timeout();
	run_alarms();
	snmp_agent_sync(a);
}

/* net-snmp's own lines (connection refused, registration failures) go to
 * our log, at most a few a minute: a master agent that is down would
 * otherwise add one every ping. */
static int on_log(int major, int minor, void *server_arg, void *client_arg)
{
	struct snmp_log_message *m = server_arg;
	struct snmp_agent *a = client_arg;
	size_t len;

	(void)major;
	(void)minor;
	if (!m || !m->msg)
		return 0;
	len = strlen(m->msg);
	while (len && (m->msg[len - 1] == '\n' || m->msg[len - 1] == '\r'))
		len--;
	if (m->priority >= LOG_INFO)
		log_debug("SNMP: %.*s", (int)len, m->msg);
	else
		log_warnx_limited(&a->log_rl, "SNMP: %.*s", (int)len, m->msg);
	return 0;
}

/* Library-wide settings that must come before init_agent(): a sub-agent,
 * alarms without SIGALRM, no state files written under /var/lib/snmp.
 * net-snmp's configuration files are still read: the connection to the
 * master agent is made when reading them ends, and an operator may set
 * AgentX options there, as with keepalived. */
static void set_defaults(const char *socket)
{
	netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID,
			       NETSNMP_DS_AGENT_ROLE, 1);
	if (socket && *socket)
		netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID,
				      NETSNMP_DS_AGENT_X_SOCKET, socket);
	netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID,
			   NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL,
			   SNMP_AGENT_PING_S);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
			       NETSNMP_DS_LIB_ALARM_DONT_USE_SIG, 1);
	/* An agent answers by number: MIB files it cannot find are not
	 * worth a warning. */
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
			       NETSNMP_DS_LIB_MIB_ERRORS, 0);
	netsnmp_ds_set_int(NETSNMP_DS_LIBRARY_ID,
			   NETSNMP_DS_LIB_MIB_WARNINGS, 0);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
			       NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
			       NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
			       NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
}

/* init_snmp() parses net-snmp's default list of MIB files, which an agent
 * answering by number does not need and which Debian does not ship (a
 * warning per missing module). An empty MIBS list while it runs avoids
 * that; the environment is put back so that scripts see the operator's. */
static void init_snmp_quietly(const char *name)
{
	const char *was = getenv("MIBS");
	char *saved = was ? mem_strdup(was) : NULL;

	setenv("MIBS", "", 1);
	init_snmp(name);
	if (saved)
		setenv("MIBS", saved, 1);
	else
		unsetenv("MIBS");
	mem_free(&saved);
}

struct snmp_agent *snmp_agent_open(struct event_loop *loop, const char *name,
				   const char *socket)
{
	struct snmp_agent *a;

	if (!loop || !name)
		return NULL;
	a = mem_new(struct snmp_agent);
	a->loop = loop;
	a->name = mem_strdup(name);
	a->log_rl = (struct ratelimit)RATELIMIT_INIT(60u * 1000000u, 5);

	snmp_disable_log();
	snmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_LOGGING,
			       on_log, a);
	snmp_enable_calllog();
	set_defaults(socket);
	if (init_agent(a->name) != 0) {
		log_warnx("SNMP: cannot start the AgentX sub-agent %s", name);
		snmp_agent_close(&a);
		return NULL;
	}
	init_snmp_quietly(a->name);
	log_info("SNMP: AgentX sub-agent %s started (master agent at %s)",
		 name, socket && *socket ? socket : "the default socket");
	snmp_agent_sync(a);
	return a;
}

void snmp_agent_close(struct snmp_agent **ap)
{
	struct snmp_agent *a = ap ? *ap : NULL;

	if (!a)
		return;
	unwatch(a);
	/* Our log callback must not outlive "a"; snmp_shutdown() closes the
	 * AgentX session and frees the library's callbacks, so it comes
	 * last. */
	snmp_unregister_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_LOGGING,
				 on_log, a, 1);
	snmp_shutdown(a->name);
	mem_free(&a->name);
	mem_free(ap);
}

int snmp_agent_trap(struct snmp_agent *a, struct variable_list *vars)
{
	if (!a || !vars)
		return -EINVAL;
	send_v2trap(vars);
	snmp_agent_sync(a);
	return 0;
}

bool snmp_want_vrrp(const struct global_data *gd, const struct ka_options *o)
{
	return (o && o->snmp) || (gd && gd->snmp_vrrp);
}

bool snmp_want_checker(const struct global_data *gd,
		       const struct ka_options *o)
{
	return (o && o->snmp) || (gd && gd->snmp_checker);
}

bool snmp_want_rfcv2(const struct global_data *gd, const struct ka_options *o)
{
	return (o && o->snmp) || (gd && gd->snmp_rfcv2);
}

bool snmp_want_rfcv3(const struct global_data *gd, const struct ka_options *o)
{
	return (o && o->snmp) || (gd && gd->snmp_rfcv3);
}

const char *snmp_socket_of(const struct global_data *gd,
			   const struct ka_options *o)
{
	if (o && o->snmp_agent_socket && *o->snmp_agent_socket)
		return o->snmp_agent_socket;
	if (gd && gd->snmp_socket && *gd->snmp_socket)
		return gd->snmp_socket;
	return NULL;
}
