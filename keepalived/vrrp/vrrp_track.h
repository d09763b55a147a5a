/*
 * vrrp_track.h: what tracked objects (vrrp_script results, interfaces)
 * make of an instance: its effective priority and whether it is in
 * FAULT. Pure arithmetic, no state: the runtime feeds the current status
 * of each object and applies the verdict.
 *
 * keepalived's rules (keepalived.conf(5), "track_interface"):
 *   weight 0:  the object down puts the instance in FAULT ("reverse":
 *              the object up does);
 *   weight > 0: added to the priority while the object is up;
 *   weight < 0: added (so subtracted) while the object is down;
 *   "reverse" turns the adjustment round: a positive weight is then
 *   subtracted while up, a negative one added while down.
 * The sum is added to the configured priority and the result kept within
 * 1..254; the address owner (255) is never changed (the validation pass
 * drops weighted tracking on it, as keepalived does).
 */
#ifndef KA_VRRP_TRACK_H
#define KA_VRRP_TRACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum vrrp_track_status {
	VRRP_TRACK_PENDING,	/* a script with no result yet */
	VRRP_TRACK_UP,
	VRRP_TRACK_DOWN,
};

struct vrrp_track_item {
	int weight;			/* -253..253 */
	bool reverse;
	enum vrrp_track_status status;
};

struct vrrp_track_verdict {
	bool fault;		/* an unweighted object is down */
	/* an unweighted object has no result yet and none is down: the
	 * instance waits in INIT, as keepalived does at start-up */
	bool pending;
	int delta;		/* the sum of the weights that apply */
};

/* What one object adds to the priority now (0 while pending). */
int vrrp_track_delta(const struct vrrp_track_item *it);

/* Whether one unweighted object holds the instance in FAULT. */
bool vrrp_track_faults(const struct vrrp_track_item *it);

/* The verdict over n objects. */
void vrrp_track_eval(const struct vrrp_track_item *items, size_t n,
		     struct vrrp_track_verdict *out);

/*
 * A track file's value for an instance (keepalived.conf(5), "Track
 * files"): with weight 0 a non-zero value is FAULT; otherwise value
 * times weight (negated with "reverse") is added to the delta, and a
 * product below -253 is FAULT instead (one above 253 counts as 253).
 * Adds to *v; vrrp_track_eval() may have filled it before.
 */
void vrrp_track_file_apply(long value, int weight, bool reverse,
			   struct vrrp_track_verdict *v);

/* The effective priority: base + delta within 1..254; 255 stays. */
uint8_t vrrp_track_priority(uint8_t base, int delta);

#endif
