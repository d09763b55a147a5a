/*
 * fuzz_smtp.c: replies from an SMTP server, as SMTP_CHECK and the alert
 * client read them: fed in pieces of a size chosen by the first byte,
 * reply after reply, until the input ends or the parser refuses it.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "smtp_reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smtp_reply r;
	size_t step, off = 0;

	if (size < 1)
		return 0;
	step = (size_t)data[0] + 1;
	data++;
	size--;
	smtp_reply_init(&r);
	while (off < size) {
		size_t n = size - off < step ? size - off : step;
		size_t used = 0;
		int rc = smtp_reply_feed(&r, (const char *)data + off, n,
					 &used);

		if (rc < 0)
			break;
		if (rc == 1) {
			off += used;
			smtp_reply_init(&r);
		} else {
			off += n;
		}
	}
	return 0;
}
