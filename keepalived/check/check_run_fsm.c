/*
 * check_run_fsm.c: the framework's pure decisions: a checker's state
 * machine, the quorum with its hysteresis, and what IPVS should hold for
 * a real server or the sorry server. No loop, no backend, no logging.
 */
#include "config.h"

#include "check_run.h"

#define CK_WEIGHT_MAX 65535

void ck_sm_init(struct ck_sm *s, bool up, long retry)
{
	s->up = up;
	s->retry_left = retry > 0 ? retry : 0;
}

enum ck_sm_verdict ck_sm_result(struct ck_sm *s, bool ok, long retry)
{
	if (ok) {
		s->retry_left = retry > 0 ? retry : 0;
		if (s->up)
			return CK_SM_STAY;
		s->up = true;
		return CK_SM_UP;
	}
	/* A down checker keeps its pace: retries are for the doubt of an
	 * up one. */
	if (!s->up)
		return CK_SM_STAY;
	if (s->retry_left > 0) {
		s->retry_left--;
		return CK_SM_RETRY;
	}
	s->up = false;
	s->retry_left = retry > 0 ? retry : 0;
	return CK_SM_DOWN;
}

static uint64_t non_negative(int64_t us)
{
	return us > 0 ? (uint64_t)us : 0;
}

uint64_t ck_sm_next_delay_us(enum ck_sm_verdict v, const struct ck_common *c)
{
	if (v == CK_SM_RETRY)
		return non_negative(c->delay_before_retry_us);
	return non_negative(c->delay_loop_us);
}

uint64_t ck_sm_warmup_us(const struct ck_common *c, uint64_t rnd)
{
	uint64_t w = non_negative(c->warmup_us);

	return w ? rnd % (w + 1) : 0;
}

bool ck_quorum_next(bool up, long sum, long quorum, long hysteresis)
{
	/* No live weight at all is no quorum, whatever the hysteresis
	 * tolerates: that is when the sorry server is needed most. */
	if (up && (sum <= 0 || sum < quorum - hysteresis))
		return false;
	if (!up && sum > 0 && sum >= quorum + hysteresis)
		return true;
	return up;
}

int ck_weight_clamp(long w)
{
	if (w < 0)
		return 0;
	return w > CK_WEIGHT_MAX ? CK_WEIGHT_MAX : (int)w;
}

struct ck_want ck_rs_want(bool up, long weight, bool inhibit,
			  bool quorum_up, bool has_sorry)
{
	/* keepalived.conf(5): with a sorry server, every real server is
	 * brought down while the quorum is not achieved. */
	if (up && (quorum_up || !has_sorry))
		return (struct ck_want){ true, ck_weight_clamp(weight) };
	return (struct ck_want){ inhibit, 0 };
}

struct ck_want ck_sorry_want(bool quorum_up, long weight, bool inhibit)
{
	if (!quorum_up)
		return (struct ck_want){ true, ck_weight_clamp(weight) };
	return (struct ck_want){ inhibit, 0 };
}
