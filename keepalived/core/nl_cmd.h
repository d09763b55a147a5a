/*
 * nl_cmd.h: the rtnetlink command socket. Requests are acknowledged
 * (NLM_F_ACK) and wait for the kernel's answer; an error comes back as a
 * negative errno with the kernel's extended-ack message, when it gives
 * one (NETLINK_EXT_ACK). Also dumps links and addresses for the reflector.
 *
 * Blocking, with a receive time-out: the kernel answers rtnetlink
 * requests at once, and a lost answer must not hang the loop for good.
 */
#ifndef KA_NL_CMD_H
#define KA_NL_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/netlink.h>
#include <netlink/msg.h>

#define NL_CMD_ERR_MAX 256

struct nl_cmd;

/*
 * Opens the socket. rcvbuf: SO_RCVBUF in bytes (0: the system's),
 * SO_RCVBUFFORCE with "force". Returns 0 and *out, or a negative errno.
 */
int nl_cmd_open(unsigned long rcvbuf, bool force, struct nl_cmd **out);
/* Closes and NULLs *c; accepts NULL. */
void nl_cmd_close(struct nl_cmd **c);

/*
 * Sends "msg" (still the caller's) and waits for its acknowledgement.
 * Returns 0 or the kernel's negative errno (-ETIMEDOUT if it never came);
 * err receives the kernel's message, or "" when it gave none.
 */
int nl_cmd_request(struct nl_cmd *c, struct nl_msg *msg, char *err,
		   size_t errlen);

/* Called per dumped message; returns 0 to go on. */
typedef int nl_cmd_dump_fn(struct nlmsghdr *h, void *ctx);

/* Dumps RTM_GETLINK or RTM_GETADDR (family AF_UNSPEC for all). Returns 0
 * or a negative errno. */
int nl_cmd_dump(struct nl_cmd *c, int type, int family, nl_cmd_dump_fn *fn,
		void *ctx);

#endif
