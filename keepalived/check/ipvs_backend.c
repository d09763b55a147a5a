/*
 * ipvs_backend.c: what every backend shares: freeing, the service's name
 * in logs, and choosing the backend at start: the recording one when
 * asked for, else the kernel's generic netlink one, else its setsockopt
 * one; "modprobe ip_vs" first when the kernel shows no IPVS.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipvs_backend.h"
#include "ipvs_kernel.h"
#include "ipvs_open.h"

void ipvs_backend_free(struct ipvs_backend **b)
{
	if (!*b)
		return;
	(*b)->ops->free(*b);
	*b = NULL;
}

static const char *proto_name(uint16_t protocol)
{
	switch (protocol) {
	case IPPROTO_TCP: return "TCP";
	case IPPROTO_UDP: return "UDP";
	case IPPROTO_SCTP: return "SCTP";
	}
	return "?";
}

/* ipvsadm pads the protocol to four columns: "TCP  ...", "SCTP ...". */
void ipvs_service_name(const struct ipvs_service *s, char *buf, size_t size)
{
	char addr[ADDR_PORT_STRLEN];

	if (s->fwmark) {
		snprintf(buf, size, "FWM  %u%s", s->fwmark,
			 s->family == AF_INET6 ? " IPv6" : "");
		return;
	}
	if (addr_port_ntop(&s->addr, s->port, addr, sizeof(addr)) < 0)
		snprintf(addr, sizeof(addr), "?:%u", s->port);
	snprintf(buf, size, "%-4s %s", proto_name(s->protocol), addr);
}

/* The kernel's own modprobe path, as the kernel itself would use it. */
static void modprobe_path(char *buf, size_t size)
{
	FILE *f = fopen("/proc/sys/kernel/modprobe", "re");
	size_t len;

	snprintf(buf, size, "/sbin/modprobe");
	if (!f)
		return;
	if (fgets(buf, (int)size, f)) {
		len = strcspn(buf, "\n");
		buf[len] = 0;
	}
	fclose(f);
	if (!buf[0])
		snprintf(buf, size, "/sbin/modprobe");
}

/* "modprobe ip_vs", as keepalived does when the kernel shows no IPVS;
 * its messages go to /dev/null (the caller says what is missing). */
static int load_ip_vs(void)
{
	char path[256];
	char *argv[] = { path, (char *)"ip_vs", NULL };
	char *envp[] = { (char *)"PATH=/sbin:/usr/sbin:/bin:/usr/bin", NULL };
	int status, fd;
	pid_t pid;

	modprobe_path(path, sizeof(path));
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		fd = open("/dev/null", O_WRONLY);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execve(path, argv, envp);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -ENOENT;
}

static int open_kernel(bool sockopt, struct ipvs_backend **out, char *why,
		       size_t why_size)
{
	int r;

	if (!sockopt) {
		r = ipvs_kernel_new(out);
		if (r != -ENOENT && r != -EPROTONOSUPPORT) {
			if (r < 0)
				snprintf(why, why_size, "cannot open the IPVS "
					 "netlink socket: %s", strerror(-r));
			return r;
		}
	}
	/* No netlink family: an older kernel, or asked for. */
	r = ipvs_sockopt_new(out);
	if (r < 0)
		snprintf(why, why_size, "cannot reach IPVS through setsockopt: "
			 "%s", strerror(-r));
	return r;
}

int ipvs_backend_open(const char *record_path, bool sockopt,
		      struct ipvs_backend **out, char *why, size_t why_size)
{
	int r;

	if (record_path) {
		r = ipvs_record_new(record_path, out);
		if (r < 0)
			snprintf(why, why_size, "Cannot write the IPVS record "
				 "file %s: %s", record_path, strerror(-r));
		return r;
	}
	if (access(IPVS_PROC_PATH, F_OK) < 0 &&
	    (load_ip_vs() < 0 || access(IPVS_PROC_PATH, F_OK) < 0)) {
		snprintf(why, why_size, "IPVS is not available in this kernel "
			 "(no " IPVS_PROC_PATH ") and no --ipvs-record=FILE "
			 "was given");
		return -ENOSYS;
	}
	return open_kernel(sockopt, out, why, why_size);
}
