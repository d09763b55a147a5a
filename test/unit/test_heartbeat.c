/*
 * test_heartbeat.c: the parent<->child messages: round trips, and every
 * way a received packet can be wrong.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "heartbeat.h"

static void test_round_trip(void **state)
{
	const struct {
		struct heartbeat_msg m;
		enum heartbeat_dir dir;
	} cases[] = {
		{ { HEARTBEAT_HELLO, 1, 0 }, HEARTBEAT_TO_CHILD },
		{ { HEARTBEAT_REPLY, 0xffffffffu, 0 }, HEARTBEAT_TO_PARENT },
		{ { HEARTBEAT_READY, 0, HEARTBEAT_READY_STARTED },
		  HEARTBEAT_TO_PARENT },
		{ { HEARTBEAT_READY, 0, HEARTBEAT_READY_REJECTED },
		  HEARTBEAT_TO_PARENT },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t buf[32];
		struct heartbeat_msg out;
		const char *why = NULL;

		assert_int_equal(heartbeat_encode(&cases[i].m, buf,
						  sizeof(buf)),
				 HEARTBEAT_MSG_SIZE);
		assert_int_equal(heartbeat_decode(buf, HEARTBEAT_MSG_SIZE,
						  cases[i].dir, &out, NULL, 0,
						  &why), 0);
		assert_int_equal(out.type, cases[i].m.type);
		assert_int_equal(out.seq, cases[i].m.seq);
		assert_int_equal(out.value, cases[i].m.value);
	}
}

static void test_encode_refuses(void **state)
{
	struct heartbeat_msg bad_type = { .type = 9 };
	struct heartbeat_msg zero = { .type = 0 };
	struct heartbeat_msg bad_value = { .type = HEARTBEAT_HELLO,
					   .value = 1 };
	struct heartbeat_msg ok = { .type = HEARTBEAT_HELLO };
	uint8_t buf[HEARTBEAT_MSG_SIZE];

	(void)state;
	assert_int_equal(heartbeat_encode(&bad_type, buf, sizeof(buf)),
			 -EINVAL);
	assert_int_equal(heartbeat_encode(&zero, buf, sizeof(buf)), -EINVAL);
	assert_int_equal(heartbeat_encode(&bad_value, buf, sizeof(buf)),
			 -EINVAL);
	assert_int_equal(heartbeat_encode(&ok, buf, sizeof(buf) - 1),
			 -ENOSPC);
}

static void encode(enum heartbeat_type t, uint32_t value, uint8_t *buf)
{
	struct heartbeat_msg m = { .type = t, .seq = 7, .value = value };

	assert_int_equal(heartbeat_encode(&m, buf, HEARTBEAT_MSG_SIZE),
			 HEARTBEAT_MSG_SIZE);
}

static void refused(const uint8_t *buf, size_t len, enum heartbeat_dir dir,
		    const char *reason_start)
{
	struct heartbeat_msg out = { .type = HEARTBEAT_HELLO, .seq = 99 };
	char reason[64];
	const char *why = NULL;

	assert_int_equal(heartbeat_decode(buf, len, dir, &out, reason,
					  sizeof(reason), &why), -EBADMSG);
	assert_non_null(why);
	if (strncmp(why, reason_start, strlen(reason_start)) != 0)
		fail_msg("reason '%s', expected '%s...'", why, reason_start);
	/* untouched on failure */
	assert_int_equal(out.seq, 99);
}

static void test_decode_refuses(void **state)
{
	uint8_t buf[HEARTBEAT_MSG_SIZE + 4] = { 0 };
	uint16_t v16;
	uint32_t v32;
	const char *why = NULL;
	struct heartbeat_msg out;

	(void)state;
	encode(HEARTBEAT_HELLO, 0, buf);
	refused(buf, 0, HEARTBEAT_TO_CHILD, "wrong size (0)");
	refused(buf, HEARTBEAT_MSG_SIZE - 1, HEARTBEAT_TO_CHILD,
		"wrong size");
	refused(buf, HEARTBEAT_MSG_SIZE + 1, HEARTBEAT_TO_CHILD,
		"wrong size");
	/* a hello is for children only, a reply for the parent only */
	refused(buf, HEARTBEAT_MSG_SIZE, HEARTBEAT_TO_PARENT,
		"type sent the wrong way (1)");
	encode(HEARTBEAT_REPLY, 0, buf);
	refused(buf, HEARTBEAT_MSG_SIZE, HEARTBEAT_TO_CHILD,
		"type sent the wrong way (2)");
	/* unknown types */
	v16 = 0;
	memcpy(buf, &v16, 2);
	refused(buf, HEARTBEAT_MSG_SIZE, HEARTBEAT_TO_PARENT,
		"unknown type (0)");
	v16 = 4;
	memcpy(buf, &v16, 2);
	refused(buf, HEARTBEAT_MSG_SIZE, HEARTBEAT_TO_PARENT,
		"unknown type (4)");
	/* length field */
	encode(HEARTBEAT_READY, 0, buf);
	v16 = 13;
	memcpy(buf + 2, &v16, 2);
	refused(buf, HEARTBEAT_MSG_SIZE, HEARTBEAT_TO_PARENT,
		"wrong length field (13)");
	/* value out of range */
	encode(HEARTBEAT_READY, 0, buf);
	v32 = 3;
	memcpy(buf + 8, &v32, 4);
	refused(buf, HEARTBEAT_MSG_SIZE, HEARTBEAT_TO_PARENT,
		"value out of range (3)");
	encode(HEARTBEAT_HELLO, 0, buf);
	v32 = 1;
	memcpy(buf + 8, &v32, 4);
	refused(buf, HEARTBEAT_MSG_SIZE, HEARTBEAT_TO_CHILD,
		"value out of range");
	/* without a reason buffer the reason is still set */
	assert_int_equal(heartbeat_decode(buf, 3, HEARTBEAT_TO_CHILD, &out,
					  NULL, 0, &why), -EBADMSG);
	assert_string_equal(why, "wrong size");
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(heartbeat_type_name(HEARTBEAT_HELLO), "HELLO");
	assert_string_equal(heartbeat_type_name(HEARTBEAT_REPLY), "REPLY");
	assert_string_equal(heartbeat_type_name(HEARTBEAT_READY), "READY");
	assert_string_equal(heartbeat_type_name(0), "?");
	assert_string_equal(heartbeat_type_name(77), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_encode_refuses),
		cmocka_unit_test(test_decode_refuses),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
