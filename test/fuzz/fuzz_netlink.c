/*
 * fuzz_netlink.c: rtnetlink link and address messages, as the netlink
 * reflector reads them from the kernel. The socket layer (libnl) has
 * already checked that nlmsg_len fits what was received; everything past
 * the header is the input's.
 */
#include "config.h"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nl_ifaddr.h"
#include "nl_link.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iftable_link_info link;
	struct iftable_addr_info addr;
	struct nlmsghdr *h;
	size_t len;
	int ifindex;

	if (size < 1)
		return 0;
	len = NLMSG_HDRLEN + size - 1;
	h = malloc(len);
	if (!h)
		return 0;
	memcpy((uint8_t *)h + NLMSG_HDRLEN, data + 1, size - 1);
	h->nlmsg_len = (uint32_t)len;
	h->nlmsg_flags = 0;
	h->nlmsg_seq = 0;
	h->nlmsg_pid = 0;
	if (data[0] & 1) {
		h->nlmsg_type = data[0] & 2 ? RTM_NEWLINK : RTM_DELLINK;
		nl_link_parse(h, &link);
	} else {
		h->nlmsg_type = data[0] & 2 ? RTM_NEWADDR : RTM_DELADDR;
		nl_ifaddr_parse(h, &ifindex, &addr);
	}
	free(h);
	return 0;
}
