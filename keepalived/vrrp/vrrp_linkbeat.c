/*
 * vrrp_linkbeat.c: polled carrier state.
 */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/ethtool.h>
#include <linux/mii.h>
#include <linux/sockios.h>

#include "log.h"
#include "memory.h"
#include "vrrp_linkbeat.h"

struct polled {
	char name[IF_NAMESIZE];
	enum vrrp_linkbeat_method method;
	int carrier;			/* -1: not read (yet) */
	bool said_error;		/* a read error was logged */
};

struct vrrp_linkbeat {
	struct event_loop *loop;
	void (*cb)(void *ctx, const char *ifname);
	void *ctx;
	int fd;				/* for the ioctls; -1: none yet */
	struct polled *ifs;
	size_t nifs;
	struct event *t_poll;
};

enum vrrp_linkbeat_method vrrp_linkbeat_method(const char *name)
{
	if (!name)
		return VRRP_LINKBEAT_ANY;
	if (!strcasecmp(name, "MII"))
		return VRRP_LINKBEAT_MII;
	if (!strcasecmp(name, "ETHTOOL"))
		return VRRP_LINKBEAT_ETHTOOL;
	if (!strcasecmp(name, "IOCTL"))
		return VRRP_LINKBEAT_IOCTL;
	return VRRP_LINKBEAT_ANY;
}

static void ifreq_for(struct ifreq *ifr, const char *ifname)
{
	memset(ifr, 0, sizeof(*ifr));
	snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s", ifname);
}

/* The basic mode status register's link bit of the interface's PHY. */
static int read_mii(int fd, const char *ifname)
{
	struct ifreq ifr;
	struct mii_ioctl_data mii;

	ifreq_for(&ifr, ifname);
	if (ioctl(fd, SIOCGMIIPHY, &ifr) < 0)
		return -errno;
	memcpy(&mii, &ifr.ifr_data, sizeof(mii));
	mii.reg_num = MII_BMSR;
	memcpy(&ifr.ifr_data, &mii, sizeof(mii));
	if (ioctl(fd, SIOCGMIIREG, &ifr) < 0)
		return -errno;
	memcpy(&mii, &ifr.ifr_data, sizeof(mii));
	return (mii.val_out & BMSR_LSTATUS) ? 1 : 0;
}

static int read_ethtool(int fd, const char *ifname)
{
	struct ethtool_value ev = { .cmd = ETHTOOL_GLINK };
	struct ifreq ifr;

	ifreq_for(&ifr, ifname);
	ifr.ifr_data = (char *)&ev;
	if (ioctl(fd, SIOCETHTOOL, &ifr) < 0)
		return -errno;
	return ev.data ? 1 : 0;
}

static int read_flags(int fd, const char *ifname)
{
	struct ifreq ifr;

	ifreq_for(&ifr, ifname);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		return -errno;
	return (ifr.ifr_flags & IFF_RUNNING) ? 1 : 0;
}

int vrrp_linkbeat_read(int fd, const char *ifname,
		       enum vrrp_linkbeat_method m,
		       enum vrrp_linkbeat_method *used)
{
	static int (*const readers[])(int, const char *) = {
		[VRRP_LINKBEAT_MII] = read_mii,
		[VRRP_LINKBEAT_ETHTOOL] = read_ethtool,
		[VRRP_LINKBEAT_IOCTL] = read_flags,
	};
	int ret = -EOPNOTSUPP, k;

	if (m != VRRP_LINKBEAT_ANY) {
		ret = readers[m](fd, ifname);
		if (ret >= 0 || ret == -ENODEV) {
			*used = m;
			return ret;
		}
	}
	/* the one asked for is not supported: the first that is */
	for (k = VRRP_LINKBEAT_MII; k <= VRRP_LINKBEAT_IOCTL; k++) {
		ret = readers[k](fd, ifname);
		if (ret >= 0 || ret == -ENODEV) {
			*used = (enum vrrp_linkbeat_method)k;
			return ret;
		}
	}
	return ret;
}

static const char *method_name(enum vrrp_linkbeat_method m)
{
	switch (m) {
	case VRRP_LINKBEAT_MII:
		return "MII";
	case VRRP_LINKBEAT_ETHTOOL:
		return "ETHTOOL";
	case VRRP_LINKBEAT_IOCTL:
		return "IOCTL";
	default:
		return "any";
	}
}

/* Reads one interface; true if its carrier changed. */
static bool poll_one(struct vrrp_linkbeat *lb, struct polled *pi)
{
	enum vrrp_linkbeat_method used = VRRP_LINKBEAT_ANY;
	int c = vrrp_linkbeat_read(lb->fd, pi->name, pi->method, &used);

	if (c < 0) {
		/* a missing interface is netlink's business: not polled
		 * until it reads again, and said once */
		if (!pi->said_error)
			log_warnx("Linkbeat: cannot read the carrier of %s: "
				  "%s", pi->name, strerror(-c));
		pi->said_error = true;
		c = -1;
	} else {
		pi->said_error = false;
	}
	if (c == pi->carrier)
		return false;
	if (c >= 0)
		log_info("Linkbeat: %s carrier is %s (%s polling)", pi->name,
			 c ? "up" : "down", method_name(used));
	pi->carrier = c;
	return true;
}

static void on_poll(struct event_loop *loop, const struct event_info *i)
{
	struct vrrp_linkbeat *lb = i->arg;
	char name[IF_NAMESIZE];
	size_t k;

	(void)loop;
	for (k = 0; k < lb->nifs; k++) {
		if (!poll_one(lb, &lb->ifs[k]))
			continue;
		/* the callback may not change the set, but copy anyway */
		memcpy(name, lb->ifs[k].name, sizeof(name));
		lb->cb(lb->ctx, name);
	}
	event_add_timer(lb->loop, &lb->t_poll, VRRP_LINKBEAT_INTERVAL_US,
			on_poll, lb);
}

struct vrrp_linkbeat *vrrp_linkbeat_new(struct event_loop *loop,
					void (*cb)(void *ctx,
						   const char *ifname),
					void *ctx)
{
	struct vrrp_linkbeat *lb = mem_new(struct vrrp_linkbeat);

	lb->loop = loop;
	lb->cb = cb;
	lb->ctx = ctx;
	lb->fd = -1;
	return lb;
}

void vrrp_linkbeat_clear(struct vrrp_linkbeat *lb)
{
	event_cancel(&lb->t_poll);
	mem_free(&lb->ifs);
	lb->nifs = 0;
}

void vrrp_linkbeat_free(struct vrrp_linkbeat **lbp)
{
	struct vrrp_linkbeat *lb;

	if (!lbp || !*lbp)
		return;
	lb = *lbp;
	vrrp_linkbeat_clear(lb);
	if (lb->fd >= 0)
		close(lb->fd);
	mem_free(lbp);
}

void vrrp_linkbeat_add(struct vrrp_linkbeat *lb, const char *ifname,
		       enum vrrp_linkbeat_method m)
{
	struct polled *pi = NULL;
	size_t k;

	if (lb->fd < 0) {
		lb->fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (lb->fd < 0) {
			log_warn("Linkbeat: no socket for the ioctls - not "
				 "polling %s", ifname);
			return;
		}
	}
	for (k = 0; k < lb->nifs; k++)
		if (!strcmp(lb->ifs[k].name, ifname))
			pi = &lb->ifs[k];
	if (!pi) {
		lb->ifs = mem_reallocarray(lb->ifs, lb->nifs + 1,
					   sizeof(*lb->ifs));
		pi = &lb->ifs[lb->nifs++];
		memset(pi, 0, sizeof(*pi));
		snprintf(pi->name, sizeof(pi->name), "%s", ifname);
		pi->carrier = -1;
	}
	pi->method = m;
	(void)poll_one(lb, pi);
	if (!lb->t_poll)
		event_add_timer(lb->loop, &lb->t_poll,
				VRRP_LINKBEAT_INTERVAL_US, on_poll, lb);
}

int vrrp_linkbeat_carrier(const struct vrrp_linkbeat *lb,
			  const char *ifname)
{
	size_t k;

	for (k = 0; k < lb->nifs; k++)
		if (!strcmp(lb->ifs[k].name, ifname))
			return lb->ifs[k].carrier;
	return -1;
}
