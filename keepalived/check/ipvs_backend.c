/*
 * ipvs_backend.c: what every backend shares: freeing, the service's name
 * in logs, and choosing the backend at start.
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipvs_backend.h"
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

int ipvs_backend_open(const char *record_path, struct ipvs_backend **out,
		      char *why, size_t why_size)
{
	int r;

	if (record_path) {
		r = ipvs_record_new(record_path, out);
		if (r < 0)
			snprintf(why, why_size, "Cannot write the IPVS record "
				 "file %s: %s", record_path, strerror(-r));
		return r;
	}
	if (access(IPVS_PROC_PATH, F_OK) < 0)
		snprintf(why, why_size, "IPVS is not available in this kernel "
			 "(no " IPVS_PROC_PATH ") and no --ipvs-record=FILE "
			 "was given");
	else
		snprintf(why, why_size, "the kernel IPVS backend is not "
			 "available yet; use --ipvs-record=FILE");
	return -ENOSYS;
}
