/*
 * ipvs_backend.h: what the checker asks of IPVS, behind one interface so
 * that the kernel (generic netlink, the IPVS issue) and the recording
 * backend (--ipvs-record=FILE: the intended table written in the layout of
 * "ipvsadm -Ln", for containers, dry runs and the namespace tests) are
 * interchangeable.
 *
 * Services and destinations are passed by value; a backend keeps its own
 * copy of what it needs. Every operation returns 0 or a negative errno:
 * -EEXIST for an add of something present, -ENOENT for an edit or delete
 * of something absent, as the kernel answers.
 */
#ifndef KA_IPVS_BACKEND_H
#define KA_IPVS_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

#define IPVS_SCHED_NAMELEN 16
#define IPVS_PE_NAMELEN 32

/* A service is identified by (family, protocol, addr, port) or by
 * (family, fwmark) when fwmark != 0. */
struct ipvs_service {
	int family;			/* AF_INET, AF_INET6 */
	uint16_t protocol;		/* IPPROTO_TCP/UDP/SCTP; 0 for fwmark */
	struct ka_addr addr;		/* fwmark: family 0 */
	uint16_t port;			/* host order */
	uint32_t fwmark;		/* 0: address service */
	char sched[IPVS_SCHED_NAMELEN];
	unsigned flags;			/* IP_VS_SVC_F_*: enum ck_svc_flags */
	unsigned timeout_s;		/* persistence; with CK_SVC_PERSISTENT */
	uint32_t netmask;		/* persistence granularity: a prefix
					 * length for IPv6, a mask in network
					 * order for IPv4; 0xffffffff default */
	char pe_name[IPVS_PE_NAMELEN];	/* "": none */
};

enum ipvs_fwd {
	IPVS_FWD_MASQ = 0,		/* kernel IP_VS_CONN_F_MASQ */
	IPVS_FWD_LOCAL = 1,
	IPVS_FWD_TUNNEL = 2,
	IPVS_FWD_ROUTE = 3,		/* DR */
};

struct ipvs_dest {
	struct ka_addr addr;		/* may differ in family when tunnelled */
	uint16_t port;			/* host order */
	enum ipvs_fwd fwd;
	int weight;
	uint32_t u_threshold, l_threshold;
	uint8_t tun_type;		/* 0 ipip, 1 gue, 2 gre */
	uint16_t tun_port;
	uint16_t tun_flags;		/* 1 nocsum, 2 csum, 4 remcsum */
};

/* Counters of a service or a destination, as the kernel keeps them; the
 * recording backend reports zeroes. */
struct ipvs_stats {
	uint64_t conns, inpkts, outpkts, inbytes, outbytes;
	uint64_t cps, inpps, outpps, inbps, outbps;
};

/* What a destination dump tells beyond its settings. */
struct ipvs_dest_info {
	uint32_t active_conns, inact_conns, persist_conns;
	struct ipvs_stats stats;
};

/* Connection time-outs (lvs_timeouts), in seconds; 0: unchanged. */
struct ipvs_timeouts {
	unsigned tcp, tcp_fin, udp;
};

struct ipvs_sync_daemon {
	bool master;			/* false: backup */
	char ifname[16];
	unsigned syncid;
	unsigned maxlen;		/* 0: kernel default */
	uint16_t port;			/* 0: 8848 */
	unsigned ttl;			/* 0: 1 */
	struct ka_addr group;		/* family 0: 224.0.0.81 */
};

struct ipvs_backend;

struct ipvs_backend_ops {
	const char *name;		/* "kernel", "record" */
	int (*svc_add)(struct ipvs_backend *b, const struct ipvs_service *s);
	int (*svc_edit)(struct ipvs_backend *b, const struct ipvs_service *s);
	int (*svc_del)(struct ipvs_backend *b, const struct ipvs_service *s);
	int (*dest_add)(struct ipvs_backend *b, const struct ipvs_service *s,
			const struct ipvs_dest *d);
	int (*dest_edit)(struct ipvs_backend *b, const struct ipvs_service *s,
			 const struct ipvs_dest *d);
	int (*dest_del)(struct ipvs_backend *b, const struct ipvs_service *s,
			const struct ipvs_dest *d);
	/* Removes every service (lvs_flush, lvs_flush_on_stop). */
	int (*flush)(struct ipvs_backend *b);
	/* Counters of one destination (d NULL: of the service). */
	int (*get_stats)(struct ipvs_backend *b, const struct ipvs_service *s,
			 const struct ipvs_dest *d, struct ipvs_stats *out);
	int (*sync_start)(struct ipvs_backend *b,
			  const struct ipvs_sync_daemon *sd);
	int (*sync_stop)(struct ipvs_backend *b, bool master);
	/* The whole table, read back at start: the services (*out an
	 * array the caller frees with mem_free(), *n its length), and the
	 * destinations of one service ("info" may be NULL; else an array
	 * parallel to *out, freed the same way). */
	int (*svc_list)(struct ipvs_backend *b, struct ipvs_service **out,
			size_t *n);
	int (*dest_list)(struct ipvs_backend *b, const struct ipvs_service *s,
			 struct ipvs_dest **out, struct ipvs_dest_info **info,
			 size_t *n);
	int (*set_timeouts)(struct ipvs_backend *b,
			    const struct ipvs_timeouts *t);
	/* Frees the backend (not what it programmed). */
	void (*free)(struct ipvs_backend *b);
};

struct ipvs_backend {
	const struct ipvs_backend_ops *ops;
	void *ctx;			/* the backend's own */
};

/*
 * The recording backend: keeps the intended table in memory and rewrites
 * "path" atomically (a temporary file in the same directory, then
 * rename()) after every change, in the layout of "ipvsadm -Ln":
 *
 *   IP Virtual Server version 1.2.1 (size=4096)
 *   Prot LocalAddress:Port Scheduler Flags
 *     -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
 *   TCP  10.0.0.1:80 wlc
 *     -> 10.0.0.2:80                  Masq    1      0          0
 *
 * Returns 0 and sets *out, or a negative errno if the file cannot be
 * written.
 */
int ipvs_record_new(const char *path, struct ipvs_backend **out);

/* Frees *b through its ops and sets it to NULL; accepts NULL. */
void ipvs_backend_free(struct ipvs_backend **b);

/* "TCP  10.0.0.1:80" / "FWM  5" as ipvsadm writes the service key;
 * buf of IPVS_SVC_STRLEN. Pure. */
#define IPVS_SVC_STRLEN 80
void ipvs_service_name(const struct ipvs_service *s, char *buf, size_t size);

#endif
