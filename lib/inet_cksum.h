/*
 * inet_cksum.h: the Internet checksum (RFC 1071), accumulated over several
 * pieces so that a pseudo-header need not be copied in front of the data.
 * Pure.
 */
#ifndef KA_INET_CKSUM_H
#define KA_INET_CKSUM_H

#include <stddef.h>
#include <stdint.h>

/*
 * Adds "len" bytes to the running sum "sum" (start with 0). Every piece but
 * the last must have an even length: the 16-bit words must stay aligned
 * with the start of the first piece.
 */
uint32_t inet_cksum_add(uint32_t sum, const void *buf, size_t len);

/* Folds the running sum and returns its one's complement, in network byte
 * order as it is stored in a header. A buffer whose stored checksum is
 * right sums to 0 here. */
uint16_t inet_cksum_finish(uint32_t sum);

#endif
