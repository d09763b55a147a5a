/*
 * vrrp_kw_proc.c: the vrrp_track_process block (keepalived.conf(5), "VRRP
 * track processes"). The parameter matching mode is settled by the
 * validation pass, once both "process" and "param_match" are known.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "memory.h"
#include "vrrp_kw.h"

#define PC(obj) ((struct vrrp_proc_conf *)(obj))
#define PROC_WEIGHT_MAX 254
#define DELAY_MAX_US (86400ULL * 1000000)

void *vrrp_kw_proc_open(struct cfg_parser *p, const struct cfg_words *w,
			void *root)
{
	struct vrrp_conf *vc = root;
	struct vrrp_proc_conf *pc;

	if (w->count < 2) {
		cfg_report(p, CFG_ERROR, "vrrp_track_process must have a "
			   "name");
		return NULL;
	}
	if (vrrp_conf_find_proc(vc, w->words[1])) {
		cfg_report(p, CFG_ERROR, "vrrp_track_process %s is already "
			   "defined, ignoring this one", w->words[1]);
		return NULL;
	}
	pc = vrrp_proc_conf_new(w->words[1]);
	pc->file = mem_strdup(w->file ? w->file : "");
	pc->line = w->line;
	list_add_tail(&vc->procs, &pc->node);
	return pc;
}

static void clear_spec(struct vrrp_proc_spec *s)
{
	size_t i;

	for (i = 0; i < s->nparams; i++)
		mem_free(&s->params[i]);
	mem_free(&s->params);
	s->nparams = 0;
	mem_free(&s->name);
}

/* process NAME [PARAM ...]: quoted words stay whole. */
VRRP_KW(vrrp_kw_proc_process)
{
	struct vrrp_proc_spec *s = &PC(obj)->spec;
	size_t i;

	if (cfg_want_args(p, w, 1, SIZE_MAX) < 0)
		return -EINVAL;
	clear_spec(s);
	s->name = mem_strdup(w->words[1]);
	s->nparams = w->count - 2;
	if (s->nparams)
		s->params = mem_reallocarray(NULL, s->nparams,
					     sizeof(*s->params));
	for (i = 0; i < s->nparams; i++)
		s->params[i] = mem_strdup(w->words[i + 2]);
	return 0;
}

/* param_match [initial|partial]: without a word, the parameters must
 * be exactly those given (none if none are). */
VRRP_KW(vrrp_kw_proc_param_match)
{
	struct vrrp_proc_conf *pc = PC(obj);

	if (cfg_want_args(p, w, 0, 1) < 0)
		return -EINVAL;
	pc->match_set = true;
	if (w->count < 2) {
		pc->spec.match = VRRP_PROC_PARAMS_EXACT;
	} else if (!strcmp(w->words[1], "initial")) {
		pc->spec.match = VRRP_PROC_PARAMS_INITIAL;
	} else if (!strcmp(w->words[1], "partial")) {
		pc->spec.match = VRRP_PROC_PARAMS_PARTIAL;
	} else {
		cfg_report(p, CFG_ERROR, "(%s) unknown param_match '%s', "
			   "ignoring", pc->name, w->words[1]);
		pc->match_set = false;
		return -EINVAL;
	}
	return 0;
}

static int count(struct cfg_parser *p, const struct cfg_words *w,
		 unsigned long min, unsigned *out)
{
	unsigned long v;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_uint(p, w, 1, min, UINT_MAX - 1, &v) < 0)
		return -EINVAL;
	*out = (unsigned)v;
	return 0;
}

VRRP_KW(vrrp_kw_proc_quorum)
{
	return count(p, w, 1, &PC(obj)->quorum);
}

VRRP_KW(vrrp_kw_proc_quorum_max)
{
	return count(p, w, 0, &PC(obj)->quorum_max);
}

static int delay(struct cfg_parser *p, const struct cfg_words *w,
		 uint64_t *a, uint64_t *b)
{
	uint64_t us;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_timer_us(p, w, 1, 0, DELAY_MAX_US, &us) < 0)
		return -EINVAL;
	*a = us;
	if (b)
		*b = us;
	return 0;
}

VRRP_KW(vrrp_kw_proc_delay)
{
	return delay(p, w, &PC(obj)->fork_delay_us,
		     &PC(obj)->terminate_delay_us);
}

VRRP_KW(vrrp_kw_proc_fork_delay)
{
	return delay(p, w, &PC(obj)->fork_delay_us, NULL);
}

VRRP_KW(vrrp_kw_proc_terminate_delay)
{
	return delay(p, w, &PC(obj)->terminate_delay_us, NULL);
}

/* weight N [reverse] */
VRRP_KW(vrrp_kw_proc_weight)
{
	struct vrrp_proc_conf *pc = PC(obj);
	long v;

	if (cfg_want_args(p, w, 1, 2) < 0 ||
	    cfg_get_int(p, w, 1, -PROC_WEIGHT_MAX, PROC_WEIGHT_MAX, &v) < 0)
		return -EINVAL;
	if (w->count > 2 && strcmp(w->words[2], "reverse")) {
		cfg_report(p, CFG_ERROR, "(%s) unknown weight option '%s', "
			   "ignoring", pc->name, w->words[2]);
		return -EINVAL;
	}
	pc->weight = (int)v;
	pc->reverse = w->count > 2;
	return 0;
}

VRRP_KW(vrrp_kw_proc_full_command)
{
	cfg_want_args(p, w, 0, 0);
	PC(obj)->spec.full_command = true;
	return 0;
}
