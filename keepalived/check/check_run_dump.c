/*
 * check_run_dump.c: the runtime in the USR1 data dump, the USR2
 * statistics and the JSON dump: virtual servers with their quorum, real
 * servers with their state and weight, checkers with their state and
 * counters.
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "check_run_internal.h"

static const char *updown(bool up)
{
	return up ? "UP" : "DOWN";
}

static void dump_checker(const struct ck_run_checker *c, FILE *f)
{
	fprintf(f, "     %s %s: %s, retry left %ld, attempts %" PRIu64
		", failures %" PRIu64 "%s%s\n",
		ck_type_name(c->ck.conf->type), c->ck.name, updown(c->sm.up),
		c->sm.retry_left, c->n.attempts, c->n.failures,
		c->why[0] ? ", last failure: " : "", c->why);
	if (c->ck.has_weight)
		fprintf(f, "       weight delta %ld\n", c->ck.weight_delta);
}

static void dump_rs(const struct ck_rs_run *rs, FILE *f)
{
	size_t i;

	fprintf(f, "   %s %s: %s, weight %ld, %s IPVS", rs->is_sorry ?
		"Sorry server" : "Real server", rs->name, updown(rs->up),
		ck_rs_weight(rs), rs->in_ipvs ? "in" : "not in");
	if (rs->in_ipvs)
		fprintf(f, " with weight %d", rs->ipvs_weight);
	fprintf(f, "\n");
	for (i = 0; i < rs->nck; i++)
		dump_checker(&rs->checkers[i], f);
}

void check_run_dump(const struct check_run *r, FILE *f)
{
	const struct ck_vs_run *vs;
	const struct ck_rs_run *rs;

	fprintf(f, " Virtual servers = %zu\n", list_count(&r->vss));
	list_for_each_entry(vs, &r->vss, node) {
		fprintf(f, " VS %s: quorum %s (%ld, hysteresis %ld), "
			"%zu IPVS service(s)\n", vs->name,
			vs->quorum_up ? "UP" : "LOST", vs->conf->quorum,
			vs->conf->hysteresis, vs->nsvc);
		list_for_each_entry(rs, &vs->rss, node)
			dump_rs(rs, f);
		if (vs->sorry)
			dump_rs(vs->sorry, f);
	}
}

static void clear_rs(struct ck_rs_run *rs)
{
	size_t i;

	memset(&rs->n, 0, sizeof(rs->n));
	for (i = 0; i < rs->nck; i++)
		memset(&rs->checkers[i].n, 0, sizeof(rs->checkers[i].n));
}

void check_run_dump_stats(struct check_run *r, FILE *f, bool clear)
{
	struct ck_vs_run *vs;
	struct ck_rs_run *rs;
	const struct ck_counters *n;
	size_t i;

	list_for_each_entry(vs, &r->vss, node) {
		fprintf(f, " VS %s: quorum losses %u\n", vs->name,
			vs->quorum_losses);
		list_for_each_entry(rs, &vs->rss, node) {
			fprintf(f, "   RS %s: up %" PRIu64 ", down %" PRIu64
				"\n", rs->name, rs->n.ups, rs->n.downs);
			for (i = 0; i < rs->nck; i++) {
				n = &rs->checkers[i].n;
				fprintf(f, "     %s %s: attempts %" PRIu64
					", failures %" PRIu64 ", up %" PRIu64
					", down %" PRIu64 "\n",
					ck_type_name(rs->checkers[i].ck.conf->type),
					rs->checkers[i].ck.name, n->attempts,
					n->failures, n->ups, n->downs);
			}
			if (clear)
				clear_rs(rs);
		}
		if (clear)
			vs->quorum_losses = 0;
	}
}

static void json_checker(const struct ck_run_checker *c, struct json *j)
{
	json_begin_object(j, NULL);
	json_string(j, "type", ck_type_name(c->ck.conf->type));
	json_string(j, "target", c->ck.name);
	json_bool(j, "up", c->sm.up);
	json_int(j, "retry_left", c->sm.retry_left);
	json_uint(j, "attempts", c->n.attempts);
	json_uint(j, "failures", c->n.failures);
	json_uint(j, "ups", c->n.ups);
	json_uint(j, "downs", c->n.downs);
	if (c->ck.has_weight)
		json_int(j, "weight_delta", c->ck.weight_delta);
	if (c->why[0])
		json_string(j, "last_failure", c->why);
	json_end_object(j);
}

static void json_rs(const struct ck_rs_run *rs, struct json *j,
		    const char *key)
{
	size_t i;

	json_begin_object(j, key);
	json_string(j, "name", rs->name);
	json_bool(j, "up", rs->up);
	json_int(j, "weight", ck_rs_weight(rs));
	json_bool(j, "in_ipvs", rs->in_ipvs);
	json_int(j, "ipvs_weight", rs->ipvs_weight);
	json_uint(j, "ups", rs->n.ups);
	json_uint(j, "downs", rs->n.downs);
	json_begin_array(j, "checkers");
	for (i = 0; i < rs->nck; i++)
		json_checker(&rs->checkers[i], j);
	json_end_array(j);
	json_end_object(j);
}

static void json_vs(const struct ck_vs_run *vs, struct json *j)
{
	const struct ck_rs_run *rs;

	json_begin_object(j, NULL);
	json_string(j, "name", vs->name);
	json_bool(j, "quorum_up", vs->quorum_up);
	json_int(j, "quorum", vs->conf->quorum);
	json_int(j, "hysteresis", vs->conf->hysteresis);
	json_uint(j, "quorum_losses", vs->quorum_losses);
	json_uint(j, "services", vs->nsvc);
	json_begin_array(j, "real_servers");
	list_for_each_entry(rs, &vs->rss, node)
		json_rs(rs, j, NULL);
	json_end_array(j);
	if (vs->sorry)
		json_rs(vs->sorry, j, "sorry_server");
	json_end_object(j);
}

void check_run_dump_json(const struct check_run *r, struct json *j)
{
	const struct ck_vs_run *vs;

	json_begin_array(j, "virtual_servers");
	list_for_each_entry(vs, &r->vss, node)
		json_vs(vs, j);
	json_end_array(j);
}
