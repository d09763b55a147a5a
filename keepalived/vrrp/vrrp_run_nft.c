/*
 * vrrp_run_nft.c: the no_accept firewall through libnftables. A table
 * is made the first time an instance of its family needs it (as
 * keepalived does: a node that never was a no_accept master has none),
 * the instance's addresses join its set when it becomes master and leave
 * it when it stops being master, and the tables go when the daemon
 * stops. Failures are logged and not fatal: the instance still runs,
 * with its addresses reachable.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <nftables/libnftables.h>

#include "log.h"
#include "memory.h"
#include "vrrp_nft.h"
#include "vrrp_run_internal.h"

#define CMD_MAX 16384
#define ELEM_MAX 512

struct vrrp_run_nft {
	struct nft_ctx *ctx;
	struct vrrp_nft_opts o;
	char table[256];
	bool made4, made6;		/* the no_accept parts */
	bool vmac4, vmac6;		/* the VMAC parts */
};

struct vrrp_run_nft *vrrp_run_nft_new(const struct vrrp_run_opts *opts)
{
	struct vrrp_run_nft *n = mem_new(struct vrrp_run_nft);

	snprintf(n->table, sizeof(n->table), "%s", opts->nft_table[0] ?
		 opts->nft_table : VRRP_NFT_TABLE_DEFAULT);
	n->o.table = n->table;
	n->o.priority = opts->nft_priority;
	n->o.counters = opts->nft_counters;
	return n;
}

/* Runs "cmds"; 0, or -EIO with nft's own message logged. */
static int run(struct vrrp_run_nft *n, const char *who, const char *cmds)
{
	const char *err;

	if (!*cmds)
		return 0;
	if (!n->ctx) {
		n->ctx = nft_ctx_new(NFT_CTX_DEFAULT);
		if (!n->ctx) {
			log_warnx("%s: cannot use nftables", who);
			return -ENOMEM;
		}
		nft_ctx_buffer_output(n->ctx);
		nft_ctx_buffer_error(n->ctx);
	}
	if (nft_run_cmd_from_buffer(n->ctx, cmds) == 0)
		return 0;
	err = nft_ctx_get_error_buffer(n->ctx);
	log_warnx("%s: nftables refused the firewall rules: %s", who,
		  err && *err ? err : "(no message)");
	return -EIO;
}

static bool *made(struct vrrp_run_nft *n, int family)
{
	return family == AF_INET ? &n->made4 : &n->made6;
}

static int ensure_table(struct vrrp_run_nft *n, const char *who,
			int family)
{
	char *cmds;
	int ret;

	if (*made(n, family))
		return 0;
	cmds = mem_zalloc(CMD_MAX);
	ret = vrrp_nft_table_cmds(&n->o, family, cmds, CMD_MAX);
	if (ret >= 0)
		ret = run(n, who, cmds);
	mem_free(&cmds);
	if (ret == 0)
		*made(n, family) = true;
	return ret;
}

static size_t gather(const struct vrrp_inst *in, const struct list_node *l,
		     struct vrrp_nft_elem *e, size_t n)
{
	const struct vrrp_vip *v;

	if (!l)
		return n;
	list_for_each_entry(v, l, node) {
		if (n == ELEM_MAX)
			break;
		e[n].addr = v->ip->prefix.addr;
		e[n].ifname = v->ip->dev[0] ? v->ip->dev :
					      vrrp_run_vip_ifname(in);
		n++;
	}
	return n;
}

static void family_elems(struct vrrp_inst *in, int family, bool add,
			 const struct vrrp_nft_elem *e, size_t n)
{
	struct vrrp_run_nft *nft = in->run->nft;
	char *cmds;
	size_t i;

	for (i = 0; i < n && e[i].addr.family != family; i++)
		;
	if (i == n)
		return;
	if (add && ensure_table(nft, in->p.name, family) < 0)
		return;
	if (!*made(nft, family))
		return;
	cmds = mem_zalloc(CMD_MAX);
	if (vrrp_nft_elem_cmds(&nft->o, family, add, e, n, cmds,
			       CMD_MAX) >= 0)
		run(nft, in->p.name, cmds);
	else
		log_warnx("(%s) too many addresses for the firewall rules",
			  in->p.name);
	mem_free(&cmds);
}

void vrrp_run_nft_vips(struct vrrp_inst *in, bool add)
{
	struct vrrp_nft_elem *e;
	size_t n;

	if (!in->p.no_accept || !in->run->nft)
		return;
	log_info("(%s) %s firewall drop rule", in->p.name,
		 add ? "setting" : "removing");
	e = mem_reallocarray(NULL, ELEM_MAX, sizeof(*e));
	n = gather(in, in->p.vips, e, 0);
	n = gather(in, in->p.vips_excluded, e, n);
	family_elems(in, AF_INET, add, e, n);
	family_elems(in, AF_INET6, add, e, n);
	mem_free(&e);
}

static bool *vmac_made(struct vrrp_run_nft *n, int family)
{
	return family == AF_INET ? &n->vmac4 : &n->vmac6;
}

void vrrp_run_nft_vmac(struct vrrp_inst *in, bool add)
{
	struct vrrp_run_nft *n = in->run->nft;
	int family = in->p.family;
	char *cmds;
	int ret = 0;

	if (!n || !in->vmac_if[0] || (!add && !*vmac_made(n, family)))
		return;
	cmds = mem_zalloc(CMD_MAX);
	if (add && !*vmac_made(n, family)) {
		ret = vrrp_nft_vmac_table_cmds(&n->o, family, cmds, CMD_MAX);
		if (ret >= 0)
			ret = run(n, in->p.name, cmds);
		if (ret == 0)
			*vmac_made(n, family) = true;
	}
	if (ret == 0 && vrrp_nft_vmac_elem_cmds(&n->o, family, add,
						in->vmac_if, in->p.ifname, cmds,
						CMD_MAX) >= 0)
		run(n, in->p.name, cmds);
	mem_free(&cmds);
}

void vrrp_run_nft_free(struct vrrp_run_nft **pn, bool remove)
{
	struct vrrp_run_nft *n = pn ? *pn : NULL;
	char cmds[512];

	if (!n)
		return;
	if (remove && (n->made4 || n->vmac4) &&
	    vrrp_nft_delete_cmd(&n->o, AF_INET, cmds, sizeof(cmds)) >= 0)
		run(n, "VRRP", cmds);
	if (remove && (n->made6 || n->vmac6) &&
	    vrrp_nft_delete_cmd(&n->o, AF_INET6, cmds, sizeof(cmds)) >= 0)
		run(n, "VRRP", cmds);
	if (n->ctx)
		nft_ctx_free(n->ctx);
	mem_free(pn);
}
