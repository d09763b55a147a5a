/*
 * parent_policy.c: defaults, overrides and the back-off.
 */
#include "config.h"

#include <errno.h>
#include <sys/wait.h>

#include "core_run.h"
#include "parent_policy.h"
#include "strutil.h"

void parent_tuning_defaults(struct parent_tuning *t)
{
	t->hello_interval_us = 2000000;
	t->max_missed = 3;
	t->quick_exit_us = 5000000;
	t->max_quick_exits = 5;
	t->backoff_base_us = 100000;
	t->backoff_max_us = 10000000;
}


int parent_tuning_from_env(struct parent_tuning *t,
			   const char *(*get)(const char *name, void *ctx),
			   void *ctx, const char **bad)
{
	static const struct {
		const char *name;
		unsigned long min, max;
	} vars[] = {
		{ "KEEPALIVED_WATCHDOG_INTERVAL_MS", 10, 3600000 },
		{ "KEEPALIVED_WATCHDOG_MISSES", 1, 1000 },
		{ "KEEPALIVED_RESPAWN_WINDOW_MS", 0, 3600000 },
		{ "KEEPALIVED_RESPAWN_LIMIT", 1, 1000 },
	};
	unsigned long v[4];
	int errors = 0;
	size_t i;

	for (i = 0; i < 4; i++) {
		const char *s = get(vars[i].name, ctx);

		v[i] = 0;
		if (!s)
			continue;
		if (str_to_ulong(s, vars[i].min, vars[i].max, &v[i]) < 0) {
			v[i] = 0;
			*bad = vars[i].name;
			errors++;
			continue;
		}
		v[i]++;	/* 0 stays "not given"; undone below */
	}
	if (v[0])
		t->hello_interval_us = (uint64_t)(v[0] - 1) * 1000;
	if (v[1])
		t->max_missed = (unsigned)(v[1] - 1);
	if (v[2])
		t->quick_exit_us = (uint64_t)(v[2] - 1) * 1000;
	if (v[3])
		t->max_quick_exits = (unsigned)(v[3] - 1);
	return errors;
}

enum parent_respawn parent_respawn_decide(const struct parent_tuning *t,
					  unsigned *quick_exits,
					  uint64_t start_us, uint64_t now_us,
					  uint64_t *delay_us)
{
	uint64_t delay = t->backoff_base_us;
	unsigned i;

	if (now_us >= start_us && now_us - start_us >= t->quick_exit_us) {
		*quick_exits = 0;
		*delay_us = 0;
		return PARENT_RESPAWN_NOW;
	}
	(*quick_exits)++;
	if (*quick_exits >= t->max_quick_exits)
		return PARENT_RESPAWN_GIVE_UP;
	for (i = 1; i < *quick_exits && delay < t->backoff_max_us; i++)
		delay *= 2;
	*delay_us = delay < t->backoff_max_us ? delay : t->backoff_max_us;
	return PARENT_RESPAWN_LATER;
}

bool parent_conf_startable(enum cfg_severity worst)
{
	return worst < CFG_FATAL;
}

bool parent_conf_reloadable(enum cfg_severity worst)
{
	return worst < CFG_ERROR;
}

bool parent_exit_is_final(int wait_status)
{
	return WIFEXITED(wait_status) &&
	       WEXITSTATUS(wait_status) == CORE_RUN_EXIT_NO_IPVS;
}
