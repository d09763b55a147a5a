/*
 * ipvs_kernel.h: the backends that program the kernel's IPVS table.
 */
#ifndef KA_IPVS_KERNEL_H
#define KA_IPVS_KERNEL_H

#include "ipvs_backend.h"

/*
 * Generic netlink (family "IPVS"). Returns 0 and sets *out, or a
 * negative errno: -ENOENT when the kernel has no such family (ip_vs not
 * loaded, or too old), -EPROTONOSUPPORT without generic netlink.
 */
int ipvs_kernel_new(struct ipvs_backend **out);

/*
 * The older setsockopt interface (IP_VS_SO_SET_* / IP_VS_SO_GET_*), for
 * kernels without the netlink family. It knows IPv4 services only (an
 * IPv6 one is -EAFNOSUPPORT), no persistence engine and no tunnel
 * types. Returns 0 and sets *out, or a negative errno: -ENOPROTOOPT
 * when the kernel has no IPVS.
 */
int ipvs_sockopt_new(struct ipvs_backend **out);

#endif
