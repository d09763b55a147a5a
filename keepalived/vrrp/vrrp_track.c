/*
 * vrrp_track.c: effective priority and FAULT from tracked objects.
 */
#include "vrrp_track.h"

#define PRIO_OWNER 255
#define PRIO_MAX_TRACKED 254

/* A positive weight counts while the object is up, a negative one while
 * it is down; "reverse" changes the sign of what is added, not when. */
int vrrp_track_delta(const struct vrrp_track_item *it)
{
	bool applies;

	if (it->status == VRRP_TRACK_PENDING || !it->weight)
		return 0;
	applies = it->weight > 0 ? it->status == VRRP_TRACK_UP
				 : it->status == VRRP_TRACK_DOWN;
	if (!applies)
		return 0;
	return it->reverse ? -it->weight : it->weight;
}

/* "weight 0 reverse": the instance is down while the object is up. */
bool vrrp_track_faults(const struct vrrp_track_item *it)
{
	if (it->weight || it->status == VRRP_TRACK_PENDING)
		return false;
	return it->reverse ? it->status == VRRP_TRACK_UP
			   : it->status == VRRP_TRACK_DOWN;
}

void vrrp_track_eval(const struct vrrp_track_item *items, size_t n,
		     struct vrrp_track_verdict *out)
{
	size_t i;

	*out = (struct vrrp_track_verdict){ 0 };
	for (i = 0; i < n; i++) {
		out->delta += vrrp_track_delta(&items[i]);
		if (vrrp_track_faults(&items[i]))
			out->fault = true;
		if (!items[i].weight && items[i].status == VRRP_TRACK_PENDING)
			out->pending = true;
	}
	if (out->fault)
		out->pending = false;
}

#define FILE_DELTA_MAX 253

void vrrp_track_file_apply(long value, int weight, bool reverse,
			   struct vrrp_track_verdict *v)
{
	long long product;

	if (!weight) {
		if (value) {
			v->fault = true;
			v->pending = false;
		}
		return;
	}
	/* |value| <= 2^31 and |weight| <= 254: no overflow in 64 bits. */
	product = (long long)value * weight;
	if (reverse)
		product = -product;
	if (product < -FILE_DELTA_MAX) {
		v->fault = true;
		v->pending = false;
		return;
	}
	if (product > FILE_DELTA_MAX)
		product = FILE_DELTA_MAX;
	v->delta += (int)product;
}

uint8_t vrrp_track_priority(uint8_t base, int delta)
{
	int prio = base + delta;

	if (base == PRIO_OWNER)
		return PRIO_OWNER;
	if (prio < 1)
		return 1;
	if (prio > PRIO_MAX_TRACKED)
		return PRIO_MAX_TRACKED;
	return (uint8_t)prio;
}
