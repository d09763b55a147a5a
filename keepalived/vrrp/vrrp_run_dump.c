/*
 * vrrp_run_dump.c: the running instances in the USR1 data dump, their
 * counters in the USR2 stats dump (keepalived's names), and both in the
 * JSON dump.
 */
#include "config.h"

#include <string.h>

#include "vrrp_run_internal.h"

static const char *auth_name(uint8_t t)
{
	return t == VRRP_AUTH_PASS ? "PASS" : t == VRRP_AUTH_AH ? "AH" : "NONE";
}

static void dump_one(const struct vrrp_inst *in, FILE *f)
{
	char src[ADDR_STRLEN] = "none", a[ADDR_STRLEN];
	size_t i;

	if (in->src.family)
		addr_ntop(&in->src, src, sizeof(src));
	fprintf(f, " VRRP Instance = %s\n", in->p.name);
	fprintf(f, "   State = %s\n", vrrp_state_name(in->fsm.state));
	fprintf(f, "   Interface = %s\n", in->p.ifname);
	fprintf(f, "   Using src_ip = %s\n", src);
	fprintf(f, "   Virtual Router ID = %u\n", in->p.vrid);
	fprintf(f, "   Version = %u\n", in->p.fsm.version);
	fprintf(f, "   Priority = %u\n", in->p.fsm.priority);
	fprintf(f, "   Effective priority = %u\n", in->fsm.conf.priority);
	fprintf(f, "   Advert interval = %u centiseconds\n",
		in->p.fsm.adver_int_cs);
	fprintf(f, "   Master advert interval = %u centiseconds\n",
		in->fsm.master_adver_int_cs);
	fprintf(f, "   Preempt = %s\n", in->p.fsm.nopreempt ? "disabled" :
		"enabled");
	fprintf(f, "   Authentication type = %s\n", auth_name(in->p.auth_type));
	fprintf(f, "   Unicast peers = %zu\n", in->p.npeers);
	if (in->p.sync_group[0])
		fprintf(f, "   Sync group = %s\n", in->p.sync_group);
	for (i = 0; i < in->nadv; i++) {
		addr_ntop(&in->adv[i], a, sizeof(a));
		fprintf(f, "   Virtual IP = %s\n", a);
	}
}

static const char *track_status(enum vrrp_track_status st)
{
	return st == VRRP_TRACK_UP ? "GOOD" : st == VRRP_TRACK_DOWN ?
	       "BAD" : "INIT";
}

/* The tracked objects, with their weights and current status. */
static void dump_tracking(const struct vrrp_inst *in, FILE *f)
{
	size_t i;

	if (in->p.ntrack_ifs)
		fprintf(f, "   Tracked interfaces :\n");
	for (i = 0; i < in->p.ntrack_ifs; i++)
		fprintf(f, "     %s weight %d%s, %s\n",
			in->p.track_ifs[i].ifname, in->if_items[i].weight,
			in->if_items[i].reverse ? " reverse" : "",
			in->if_items[i].status == VRRP_TRACK_UP ? "UP" :
			"DOWN");
	if (in->p.ntrack_scripts)
		fprintf(f, "   Tracked scripts :\n");
	for (i = 0; i < in->p.ntrack_scripts; i++)
		fprintf(f, "     %s weight %d%s, %s\n",
			in->p.track_scripts[i].script.name,
			in->script_items[i].weight,
			in->script_items[i].reverse ? " reverse" : "",
			track_status(in->script_items[i].status));
}

void vrrp_run_dump(const struct vrrp_run *r, FILE *f)
{
	const struct vrrp_inst *in;

	list_for_each_entry(in, &r->insts, node) {
		dump_one(in, f);
		dump_tracking(in, f);
	}
	vrrp_run_dump_syncs(r, f);
}

/* keepalived's names for the counters, in its order. */
#define STATS(X)                                                      \
	X(advert_rcvd, "Advertisements received")                     \
	X(advert_sent, "Advertisements sent")                         \
	X(become_master, "Became master")                             \
	X(release_master, "Released master")                          \
	X(packet_len_err, "Packet length errors")                     \
	X(advert_interval_err, "Advertisement interval errors")       \
	X(ip_ttl_err, "TTL errors")                                   \
	X(invalid_type_rcvd, "Invalid type errors")                   \
	X(addr_list_err, "Address list errors")                       \
	X(invalid_authtype, "Invalid authentication type")            \
	X(authtype_mismatch, "Authentication type mismatch")          \
	X(auth_failure, "Authentication failures")                    \
	X(pri_zero_rcvd, "Priority zero received")                    \
	X(pri_zero_sent, "Priority zero sent")                        \
	X(version_err, "Version errors")                              \
	X(checksum_err, "Checksum errors")

void vrrp_run_dump_stats(struct vrrp_run *r, FILE *f, bool clear)
{
	struct vrrp_inst *in;

	list_for_each_entry(in, &r->insts, node) {
		fprintf(f, "VRRP Instance: %s\n", in->p.name);
#define X(field, text) \
		fprintf(f, "  %s: %llu\n", text, \
			(unsigned long long)in->stats.field);
		STATS(X)
#undef X
		if (clear) {
			memset(&in->stats, 0, sizeof(in->stats));
			in->stats_since_us = event_loop_now_us(r->loop);
		}
	}
}

/* The tracked scripts with their status, in the words of the USR1 dump. */
static void dump_tracking_json(const struct vrrp_inst *in, struct json *j)
{
	size_t i;

	json_begin_array(j, "track_scripts");
	for (i = 0; i < in->p.ntrack_scripts; i++) {
		json_begin_object(j, NULL);
		json_string(j, "name", in->p.track_scripts[i].script.name);
		json_int(j, "weight", in->script_items[i].weight);
		json_string(j, "status",
			    track_status(in->script_items[i].status));
		json_end_object(j);
	}
	json_end_array(j);
}

void vrrp_run_dump_json(const struct vrrp_run *r, struct json *j)
{
	const struct vrrp_inst *in;
	struct vrrp_run_view v;
	char a[ADDR_STRLEN];
	size_t i;

	list_for_each_entry(in, &r->insts, node) {
		json_begin_object(j, NULL);
		json_string(j, "iname", in->p.name);
		json_string(j, "state", vrrp_state_name(in->fsm.state));
		json_string(j, "interface", in->p.ifname);
		json_uint(j, "vrid", in->p.vrid);
		json_uint(j, "version", in->p.fsm.version);
		json_uint(j, "priority", in->p.fsm.priority);
		json_uint(j, "effective_priority", in->fsm.conf.priority);
		json_uint(j, "adver_int_cs", in->p.fsm.adver_int_cs);
		json_int(j, "ifindex", in->ifindex);
		if (in->src.family) {
			addr_ntop(&in->src, a, sizeof(a));
			json_string(j, "src_ip", a);
		}
		vrrp_run_view_of(in, &v);
		if (v.master->family) {
			addr_ntop(v.master, a, sizeof(a));
			json_string(j, "master_ip", a);
		}
		if (in->p.sync_group[0])
			json_string(j, "sync_group", in->p.sync_group);
		json_begin_array(j, "vips");
		for (i = 0; i < in->nadv; i++) {
			addr_ntop(&in->adv[i], a, sizeof(a));
			json_string(j, NULL, a);
		}
		json_end_array(j);
		dump_tracking_json(in, j);
		json_begin_object(j, "stats");
#define X(field, text) json_uint(j, #field, in->stats.field);
		STATS(X)
#undef X
		json_end_object(j);
		json_end_object(j);
	}
}
