/*
 * vrrp_kw_track.c: the vrrp_script block, and the track_script and
 * track_interface blocks of a vrrp_instance. Values out of range get
 * keepalived's verdicts (and its corrections where it makes one); whether
 * the names exist is the check pass's business (vrrp_check_track.c).
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "memory.h"
#include "vrrp_kw.h"

#define SC(obj) ((struct vrrp_script_conf *)(obj))
#define SECS_US 1000000ULL
#define WEIGHT_MAX 253

void *vrrp_kw_script_open(struct cfg_parser *p, const struct cfg_words *w,
			  void *root)
{
	struct vrrp_conf *vc = root;
	struct vrrp_script_conf *sc;

	if (w->count < 2) {
		cfg_report(p, CFG_ERROR, "vrrp_script must have a name");
		return NULL;
	}
	if (vrrp_conf_find_script(vc, w->words[1])) {
		cfg_report(p, CFG_ERROR, "vrrp_script %s is already defined, "
			   "ignoring this one", w->words[1]);
		return NULL;
	}
	sc = vrrp_script_conf_new(w->words[1]);
	sc->cmd.file = mem_strdup(w->file ? w->file : "");
	sc->cmd.line = w->line;
	list_add_tail(&vc->scripts, &sc->node);
	return sc;
}

/* script <STRING>|<QUOTED-STRING>: the words are the command line. */
VRRP_KW(vrrp_kw_script_cmd)
{
	struct vrrp_script_conf *sc = SC(obj);

	if (cfg_get_rest(p, w, 1, &sc->cmd.path) < 0)
		return -EINVAL;
	mem_free(&sc->cmd.file);
	sc->cmd.file = mem_strdup(w->file ? w->file : "");
	sc->cmd.line = w->line;
	return 0;
}

/* interval and timeout: 0 is corrected to 1 s, as keepalived does. */
static int script_timer(struct cfg_parser *p, const struct cfg_words *w,
			struct vrrp_script_conf *sc, uint64_t *out)
{
	uint64_t us;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_timer_us(p, w, 1, 0, 86400 * SECS_US, &us) < 0)
		return -EINVAL;
	if (!us) {
		cfg_report(p, CFG_ERROR, "(%s): vrrp script %s must be greater "
			   "than 0, setting to 1", sc->name, w->words[0]);
		us = SECS_US;
	}
	*out = us;
	return 0;
}

VRRP_KW(vrrp_kw_script_interval)
{
	return script_timer(p, w, SC(obj), &SC(obj)->interval_us);
}

VRRP_KW(vrrp_kw_script_timeout)
{
	return script_timer(p, w, SC(obj), &SC(obj)->timeout_us);
}

/* rise and fall: keepalived takes 0 as 1, with an error. */
static int script_count(struct cfg_parser *p, const struct cfg_words *w,
			struct vrrp_script_conf *sc, unsigned *out)
{
	unsigned long v;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_uint(p, w, 1, 0, 2147483647UL, &v) < 0)
		return -EINVAL;
	if (!v) {
		cfg_report(p, CFG_ERROR, "(%s): vrrp script %s value '0' "
			   "invalid, defaulting to 1", sc->name, w->words[0]);
		v = 1;
	}
	*out = (unsigned)v;
	return 0;
}

VRRP_KW(vrrp_kw_script_rise)
{
	return script_count(p, w, SC(obj), &SC(obj)->rise);
}

VRRP_KW(vrrp_kw_script_fall)
{
	return script_count(p, w, SC(obj), &SC(obj)->fall);
}

/* weight N [reverse] */
VRRP_KW(vrrp_kw_script_weight)
{
	struct vrrp_script_conf *sc = SC(obj);
	long v;

	if (cfg_want_args(p, w, 1, 2) < 0 ||
	    cfg_get_int(p, w, 1, -WEIGHT_MAX, WEIGHT_MAX, &v) < 0)
		return -EINVAL;
	if (w->count > 2 && strcmp(w->words[2], "reverse")) {
		cfg_report(p, CFG_ERROR, "(%s) unknown weight option '%s', "
			   "ignoring", sc->name, w->words[2]);
		return -EINVAL;
	}
	sc->weight = (int)v;
	sc->reverse = w->count > 2;
	return 0;
}

/* user USERNAME [GROUPNAME]: checked against the system after the parse */
VRRP_KW(vrrp_kw_script_user)
{
	struct vrrp_script_conf *sc = SC(obj);

	if (cfg_want_args(p, w, 1, 2) < 0)
		return -EINVAL;
	mem_free(&sc->cmd.user);
	mem_free(&sc->cmd.group);
	sc->cmd.user = mem_strdup(w->words[1]);
	if (w->count > 2)
		sc->cmd.group = mem_strdup(w->words[2]);
	return 0;
}

VRRP_KW(vrrp_kw_script_init_fail)
{
	cfg_want_args(p, w, 0, 0);
	SC(obj)->init_fail = true;
	return 0;
}

/* The same name twice: keepalived keeps the first line. */
static bool duplicate(struct cfg_parser *p, struct vrrp_instance_conf *ic,
		      const struct list_node *head, const char *what,
		      const char *name)
{
	const struct vrrp_track_conf *t;

	list_for_each_entry(t, head, node) {
		if (strcmp(t->name, name))
			continue;
		cfg_report(p, CFG_WARNING, "(%s) duplicate %s %s - ignoring",
			   ic->name, what, name);
		return true;
	}
	return false;
}

/* "weight N [reverse|noreverse]" after the name; +/-254 becomes 253. */
static int track_weight(struct cfg_parser *p, const struct cfg_words *w,
			struct vrrp_instance_conf *ic,
			struct vrrp_track_conf *t)
{
	long v;

	if (w->count < 2)
		return 0;
	if (strcmp(w->words[1], "weight") || w->count < 3) {
		cfg_report(p, CFG_ERROR, "(%s) %s: expected 'weight <N>', "
			   "ignoring the line", ic->name, t->name);
		return -EINVAL;
	}
	if (cfg_get_int(p, w, 2, -WEIGHT_MAX - 1, WEIGHT_MAX + 1, &v) < 0)
		return -EINVAL;
	if (v == WEIGHT_MAX + 1 || v == -WEIGHT_MAX - 1) {
		cfg_report(p, CFG_WARNING, "(%s) weight for %s cannot be "
			   "+/-254. Setting to +/-253", ic->name, t->name);
		v = v > 0 ? WEIGHT_MAX : -WEIGHT_MAX;
	}
	t->weight_set = true;
	t->weight = (int)v;
	if (w->count < 4)
		return 0;
	if (!strcmp(w->words[3], "reverse")) {
		t->reverse = GD_ON;
	} else if (!strcmp(w->words[3], "noreverse") ||
		   !strcmp(w->words[3], "no_reverse")) {
		t->reverse = GD_OFF;
	} else {
		cfg_report(p, CFG_ERROR, "(%s) %s: unknown weight option '%s', "
			   "ignoring the line", ic->name, t->name, w->words[3]);
		return -EINVAL;
	}
	return 0;
}

static int track_line(struct cfg_parser *p, const struct cfg_words *w,
		      struct vrrp_instance_conf *ic, struct list_node *head,
		      const char *what)
{
	struct vrrp_track_conf *t;

	if (duplicate(p, ic, head, what, w->words[0]))
		return 0;
	if (w->count > 4)
		cfg_report(p, CFG_NOTE, "(%s) %s: ignoring extra words after "
			   "'%s'", ic->name, w->words[0], w->words[3]);
	t = vrrp_track_conf_new(w->words[0]);
	if (track_weight(p, w, ic, t) < 0) {
		mem_free(&t->name);
		mem_free(&t);
		return -EINVAL;
	}
	vrrp_kw_mark(ic, w, &t->at);
	list_add_tail(head, &t->node);
	return 0;
}

VRRP_KW(vrrp_kw_track_script_line)
{
	return track_line(p, w, IC(obj), &IC(obj)->track_scripts,
			  "track_script");
}

VRRP_KW(vrrp_kw_track_if_line)
{
	struct vrrp_instance_conf *ic = IC(obj);

	if (strlen(w->words[0]) >= IF_NAMESIZE) {
		cfg_report(p, CFG_ERROR, "(%s) '%s' cannot be an interface "
			   "name", ic->name, w->words[0]);
		return -EINVAL;
	}
	return track_line(p, w, ic, &ic->track_ifs, "track_interface");
}

/* "weight N [reverse|noreverse]" of a track_file or track_process line:
 * -254..254 (a file may hold a negative number), keepalived's wording
 * for each refusal; "what" is "track file" or "track process". */
static int wide_weight(struct cfg_parser *p, const struct cfg_words *w,
		       struct vrrp_instance_conf *ic,
		       struct vrrp_track_conf *t, const char *what)
{
	long v;

	if (w->count < 2)
		return 0;
	if (strcmp(w->words[1], "weight") || w->count < 3) {
		cfg_report(p, CFG_ERROR, "(%s) unknown %s %s option %s - "
			   "ignoring", ic->name, what, t->name, w->words[1]);
		return -EINVAL;
	}
	if (cfg_get_int(p, w, 2, -WEIGHT_MAX - 1, WEIGHT_MAX + 1, &v) < 0) {
		cfg_report(p, CFG_ERROR, "(%s) weight for %s %s must be in "
			   "[-254..254] inclusive. Ignoring...", ic->name,
			   what, t->name);
		return -EINVAL;
	}
	t->weight_set = true;
	t->weight = (int)v;
	if (w->count < 4)
		return 0;
	if (!strcmp(w->words[3], "reverse")) {
		t->reverse = GD_ON;
	} else if (!strcmp(w->words[3], "noreverse")) {
		t->reverse = GD_OFF;
	} else {
		cfg_report(p, CFG_ERROR, "(%s) unknown %s %s weight option %s "
			   "- ignoring", ic->name, what, t->name,
			   w->words[3]);
		return -EINVAL;
	}
	return 0;
}

static int wide_line(struct cfg_parser *p, const struct cfg_words *w,
		     struct vrrp_instance_conf *ic, struct list_node *head,
		     const char *kw, const char *what)
{
	struct vrrp_track_conf *t;

	if (duplicate(p, ic, head, kw, w->words[0]))
		return 0;
	if (w->count > 4)
		cfg_report(p, CFG_NOTE, "(%s) %s: ignoring extra words after "
			   "'%s'", ic->name, w->words[0], w->words[3]);
	t = vrrp_track_conf_new(w->words[0]);
	if (wide_weight(p, w, ic, t, what) < 0) {
		mem_free(&t->name);
		mem_free(&t);
		return -EINVAL;
	}
	vrrp_kw_mark(ic, w, &t->at);
	list_add_tail(head, &t->node);
	return 0;
}

/* A line of a track_file block: the name of a track_file block, whose
 * file and weight the validation pass looks up. */
VRRP_KW(vrrp_kw_track_file_line)
{
	return wide_line(p, w, IC(obj), &IC(obj)->track_files, "track_file",
			 "track file");
}

/* A line of a track_process block: a vrrp_track_process's name. */
VRRP_KW(vrrp_kw_track_proc_line)
{
	return wide_line(p, w, IC(obj), &IC(obj)->track_procs,
			 "track_process", "track process");
}

/* Deprecated in keepalived 2.2 (with a warning) for linkbeat_interfaces,
 * which also covers the tracked interfaces; still acted on. */
VRRP_KW(vrrp_kw_linkbeat_use_polling)
{
	struct vrrp_instance_conf *ic = IC(obj);

	cfg_want_args(p, w, 0, 0);
	cfg_report(p, CFG_WARNING, "(%s) 'linkbeat_use_polling' in vrrp "
		   "instance deprecated - use linkbeat_interfaces block",
		   ic->name);
	ic->linkbeat_use_polling = true;
	return 0;
}
