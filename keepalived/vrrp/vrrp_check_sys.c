/*
 * vrrp_check_sys.c: the real system behind struct vrrp_check_env.
 */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vrrp_check.h"

static int sys_if_flags(const char *name, unsigned *flags, void *ctx)
{
	struct ifreq ifr;
	int fd, r = 0;

	(void)ctx;
	if (strlen(name) >= sizeof(ifr.ifr_name))
		return -ENOENT;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return if_nametoindex(name) ? 0 : -ENOENT;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, name);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		r = -ENOENT;
	else
		*flags = (unsigned short)ifr.ifr_flags;
	close(fd);
	return r;
}

void vrrp_check_env_system(struct vrrp_check_env *env)
{
	env->if_flags = sys_if_flags;
	env->ctx = NULL;
	config_check_env_system(&env->core);
}
