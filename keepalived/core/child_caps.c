/*
 * child_caps.c: which capabilities each child keeps, and the capset()
 * call that keeps only those. Called with the raw system calls: libcap
 * would be a dependency for two calls.
 */
#include "config.h"

#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "child_caps.h"

#define BIT(c) ((uint64_t)1 << (c))

/*
 * What both children do: run scripts as script_user (setuid, setgid,
 * setgroups), signal and reap them (other uids), read track files and
 * configuration include files whatever their mode, hand a notify fifo to
 * the script user (chown), and apply vrrp_priority/vrrp_rt_priority,
 * vrrp_rlimit_rttime and vrrp_no_swap (or the checker_ ones) on reload.
 */
#define COMMON (BIT(CAP_SETUID) | BIT(CAP_SETGID) | BIT(CAP_KILL) | \
		BIT(CAP_DAC_OVERRIDE) | BIT(CAP_DAC_READ_SEARCH) | \
		BIT(CAP_CHOWN) | BIT(CAP_FOWNER) | BIT(CAP_SYS_NICE) | \
		BIT(CAP_SYS_RESOURCE) | BIT(CAP_IPC_LOCK))

static const char *const cap_names[] = {
	[CAP_CHOWN] = "cap_chown", [CAP_DAC_OVERRIDE] = "cap_dac_override",
	[CAP_DAC_READ_SEARCH] = "cap_dac_read_search",
	[CAP_FOWNER] = "cap_fowner", [CAP_FSETID] = "cap_fsetid",
	[CAP_KILL] = "cap_kill", [CAP_SETGID] = "cap_setgid",
	[CAP_SETUID] = "cap_setuid", [CAP_SETPCAP] = "cap_setpcap",
	[CAP_LINUX_IMMUTABLE] = "cap_linux_immutable",
	[CAP_NET_BIND_SERVICE] = "cap_net_bind_service",
	[CAP_NET_BROADCAST] = "cap_net_broadcast",
	[CAP_NET_ADMIN] = "cap_net_admin", [CAP_NET_RAW] = "cap_net_raw",
	[CAP_IPC_LOCK] = "cap_ipc_lock", [CAP_IPC_OWNER] = "cap_ipc_owner",
	[CAP_SYS_MODULE] = "cap_sys_module", [CAP_SYS_RAWIO] = "cap_sys_rawio",
	[CAP_SYS_CHROOT] = "cap_sys_chroot",
	[CAP_SYS_PTRACE] = "cap_sys_ptrace", [CAP_SYS_PACCT] = "cap_sys_pacct",
	[CAP_SYS_ADMIN] = "cap_sys_admin", [CAP_SYS_BOOT] = "cap_sys_boot",
	[CAP_SYS_NICE] = "cap_sys_nice",
	[CAP_SYS_RESOURCE] = "cap_sys_resource",
	[CAP_SYS_TIME] = "cap_sys_time",
	[CAP_SYS_TTY_CONFIG] = "cap_sys_tty_config",
	[CAP_MKNOD] = "cap_mknod", [CAP_LEASE] = "cap_lease",
	[CAP_AUDIT_WRITE] = "cap_audit_write",
	[CAP_AUDIT_CONTROL] = "cap_audit_control",
	[CAP_SETFCAP] = "cap_setfcap",
};

uint64_t child_caps_needed(enum child_role role)
{
	switch (role) {
	case CHILD_VRRP:
		/*
		 * Raw VRRP, ARP and NDP sockets and SO_BINDTODEVICE
		 * (net_raw); addresses, routes, rules, VMAC links, sysctls
		 * of its namespace, nftables/ipset, the process connector
		 * of track_process (net_admin); track_process in another
		 * network namespace: /proc/PID/ns/net of a process of
		 * another user (sys_ptrace) and setns() (sys_admin).
		 */
		return COMMON | BIT(CAP_NET_RAW) | BIT(CAP_NET_ADMIN) |
		       BIT(CAP_SYS_PTRACE) | BIT(CAP_SYS_ADMIN);
	case CHILD_CHECKER:
		/*
		 * IPVS and SO_MARK for fwmark checks (net_admin); PING_CHECK
		 * and bindto on a device (net_raw); bind_port below 1024
		 * (net_bind_service).
		 */
		return COMMON | BIT(CAP_NET_ADMIN) | BIT(CAP_NET_RAW) |
		       BIT(CAP_NET_BIND_SERVICE);
	}
	return COMMON;
}

int child_caps_names(uint64_t mask, char *buf, size_t size)
{
	size_t i, len = 0;
	int n;

	if (size)
		buf[0] = '\0';
	for (i = 0; i < 64; i++) {
		if (!(mask & BIT(i)))
			continue;
		if (i < sizeof(cap_names) / sizeof(cap_names[0]) &&
		    cap_names[i])
			n = snprintf(len < size ? buf + len : NULL,
				     len < size ? size - len : 0, "%s%s",
				     len ? "," : "", cap_names[i]);
		else
			n = snprintf(len < size ? buf + len : NULL,
				     len < size ? size - len : 0, "%scap_%zu",
				     len ? "," : "", i);
		if (n < 0)
			return n;
		len += (size_t)n;
	}
	return (int)len;
}

int child_caps_restrict(uint64_t keep)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];
	int i;

	if (syscall(SYS_capget, &hdr, d) < 0)
		return -errno;
	for (i = 0; i < _LINUX_CAPABILITY_U32S_3; i++) {
		uint32_t k = (uint32_t)(keep >> (32 * i));

		d[i].effective &= k;
		d[i].permitted &= k;
		d[i].inheritable &= k;
	}
	if (syscall(SYS_capset, &hdr, d) < 0)
		return -errno;
	return 0;
}
