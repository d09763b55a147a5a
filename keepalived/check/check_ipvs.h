/*
 * check_ipvs.h: from the LVS configuration to IPVS services and
 * destinations. Pure: no backend calls, so that the mapping (groups,
 * fwmarks, methods, tunnel types, persistence) is unit-tested alone.
 */
#ifndef KA_CHECK_IPVS_H
#define KA_CHECK_IPVS_H

#include <stddef.h>

#include "check_data.h"
#include "ipvs_backend.h"

/*
 * The IPVS services a completed virtual server stands for: one for
 * "virtual_server IP PORT" and "fwmark N", one per address (ranges
 * expanded) and per fwmark of its group for "group NAME". *out is an
 * array the caller frees with mem_free(); *n its length (0 for an empty
 * or unknown group). Returns 0 or -ENOMEM / -E2BIG (a range too large).
 */
int ck_ipvs_services(const struct ck_virtual_server_conf *vs,
		     const struct check_conf *c, struct ipvs_service **out,
		     size_t *n);

/*
 * The destination for a real server (or the sorry server) of "vs" with
 * the given weight: its address and port (the VS's port when the RS has
 * none), the forwarding method (the RS's, else the VS's), thresholds and
 * tunnel settings.
 */
void ck_ipvs_dest(const struct ck_virtual_server_conf *vs,
		  const struct ck_real_server_conf *rs, int weight,
		  struct ipvs_dest *out);

#endif
