/*
 * pcap_vector.h: reads the first frame of a classic pcap file, for tests
 * that use captured packets as vectors.
 */
#ifndef KA_TEST_PCAP_VECTOR_H
#define KA_TEST_PCAP_VECTOR_H

#include <stddef.h>
#include <stdint.h>

/* Returns the frame's length, or -1 if the file is not a pcap we read. */
long pcap_first_frame(const char *path, uint8_t *buf, size_t size);

#endif
