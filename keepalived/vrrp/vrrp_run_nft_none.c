/*
 * vrrp_run_nft_none.c: the no_accept firewall of a build without
 * libnftables (configure --disable-nftables): an instance that needs it
 * says, once, that its addresses stay reachable.
 */
#include "config.h"

#include "log.h"
#include "memory.h"
#include "vrrp_run_internal.h"

struct vrrp_run_nft {
	int unused;
};

struct vrrp_run_nft *vrrp_run_nft_new(const struct vrrp_run_opts *opts)
{
	(void)opts;
	return mem_new(struct vrrp_run_nft);
}

void vrrp_run_nft_vips(struct vrrp_inst *in, bool add)
{
	if (!in->p.no_accept || !add || in->nft_warned)
		return;
	in->nft_warned = true;
	log_warnx("(%s) no_accept is not enforced: this build has no "
		  "nftables support (configure --disable-nftables)",
		  in->p.name);
}

/* Without nftables a VMAC's IGMP and MLD reports leave from it. */
void vrrp_run_nft_vmac(struct vrrp_inst *in, bool add)
{
	(void)in;
	(void)add;
}

void vrrp_run_nft_free(struct vrrp_run_nft **n, bool remove)
{
	(void)remove;
	mem_free(n);
}
