/*
 * test_vrrp_sync.c: the rules of a vrrp_sync_group (what the other
 * members do when one changes state) and the lines written to the
 * notify FIFOs, including one through a real FIFO nobody reads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "event.h"
#include "vrrp_fifo.h"
#include "vrrp_sync.h"

static void test_fault_spreads(void **state)
{
	(void)state;
	assert_int_equal(vrrp_sync_follow(VRRP_STATE_FAULT, VRRP_STATE_MASTER,
					  true), VRRP_SYNC_TO_FAULT);
	assert_int_equal(vrrp_sync_follow(VRRP_STATE_FAULT, VRRP_STATE_BACKUP,
					  true), VRRP_SYNC_TO_FAULT);
	assert_int_equal(vrrp_sync_follow(VRRP_STATE_FAULT, VRRP_STATE_FAULT,
					  true), VRRP_SYNC_NONE);
}

static void test_master_spreads_to_backups_only(void **state)
{
	(void)state;
	assert_int_equal(vrrp_sync_follow(VRRP_STATE_MASTER, VRRP_STATE_BACKUP,
					  false), VRRP_SYNC_TO_MASTER);
	assert_int_equal(vrrp_sync_follow(VRRP_STATE_MASTER, VRRP_STATE_MASTER,
					  false), VRRP_SYNC_NONE);
	assert_int_equal(vrrp_sync_follow(VRRP_STATE_MASTER, VRRP_STATE_FAULT,
					  false), VRRP_SYNC_NONE);
	assert_int_equal(vrrp_sync_follow(VRRP_STATE_MASTER, VRRP_STATE_INIT,
					  false), VRRP_SYNC_NONE);
}

static void test_backup_spreads(void **state)
{
	(void)state;
	assert_int_equal(vrrp_sync_follow(VRRP_STATE_BACKUP, VRRP_STATE_MASTER,
					  false), VRRP_SYNC_TO_BACKUP);
	assert_int_equal(vrrp_sync_follow(VRRP_STATE_BACKUP, VRRP_STATE_BACKUP,
					  false), VRRP_SYNC_NONE);
	/* the last fault cleared: the members held in FAULT come back */
	assert_int_equal(vrrp_sync_follow(VRRP_STATE_BACKUP, VRRP_STATE_FAULT,
					  false), VRRP_SYNC_LEAVE_FAULT);
	/* another member still has its own fault: they stay */
	assert_int_equal(vrrp_sync_follow(VRRP_STATE_BACKUP, VRRP_STATE_FAULT,
					  true), VRRP_SYNC_NONE);
}

static void test_stopping_moves_nobody(void **state)
{
	enum vrrp_state s;

	(void)state;
	for (s = VRRP_STATE_INIT; s < VRRP_STATE_COUNT; s++)
		assert_int_equal(vrrp_sync_follow(VRRP_STATE_INIT, s, false),
				 VRRP_SYNC_NONE);
}

/* A member starting late joins its group instead of moving it. */
static void test_join(void **state)
{
	(void)state;
	assert_int_equal(vrrp_sync_join(VRRP_STATE_MASTER, VRRP_STATE_BACKUP),
			 VRRP_SYNC_TO_MASTER);
	assert_int_equal(vrrp_sync_join(VRRP_STATE_FAULT, VRRP_STATE_BACKUP),
			 VRRP_SYNC_TO_FAULT);
	assert_int_equal(vrrp_sync_join(VRRP_STATE_FAULT, VRRP_STATE_FAULT),
			 VRRP_SYNC_NONE);
	assert_int_equal(vrrp_sync_join(VRRP_STATE_BACKUP, VRRP_STATE_BACKUP),
			 VRRP_SYNC_NONE);
	assert_int_equal(vrrp_sync_join(VRRP_STATE_INIT, VRRP_STATE_BACKUP),
			 VRRP_SYNC_NONE);
}

static void test_leave_fault(void **state)
{
	(void)state;
	assert_true(vrrp_sync_may_leave_fault(false));
	assert_false(vrrp_sync_may_leave_fault(true));
}

static void test_group_moves(void **state)
{
	(void)state;
	assert_true(vrrp_sync_group_moves(VRRP_STATE_INIT,
					  VRRP_STATE_BACKUP));
	assert_true(vrrp_sync_group_moves(VRRP_STATE_BACKUP,
					  VRRP_STATE_MASTER));
	assert_false(vrrp_sync_group_moves(VRRP_STATE_MASTER,
					   VRRP_STATE_MASTER));
	assert_false(vrrp_sync_group_moves(VRRP_STATE_MASTER,
					   VRRP_STATE_COUNT));
}

/* As keepalived 2.2.7 writes them (observed on its FIFO). */
static void test_fifo_lines(void **state)
{
	char buf[VRRP_FIFO_LINE_MAX];

	(void)state;
	assert_int_equal(vrrp_fifo_line(buf, sizeof(buf), false, "VI_1",
					"MASTER", 150), 27);
	assert_string_equal(buf, "INSTANCE \"VI_1\" MASTER 150\n");
	assert_int_equal(vrrp_fifo_line(buf, sizeof(buf), true, "G1", "FAULT",
					0), 19);
	assert_string_equal(buf, "GROUP \"G1\" FAULT 0\n");
	assert_int_equal(vrrp_fifo_line(buf, 10, true, "G1", "FAULT", 0),
			 -ENOSPC);
}

static char *fifo_path(void)
{
	char *dir = strdup("/tmp/test_vrrp_sync.XXXXXX");
	char *path;

	assert_non_null(mkdtemp(dir));
	assert_true(asprintf(&path, "%s/fifo", dir) > 0);
	free(dir);
	return path;
}

static void remove_fifo(char *path)
{
	unlink(path);
	*strrchr(path, '/') = '\0';
	rmdir(path);
	free(path);
}

/* Created, mode 0600, written without a reader, and never blocking
 * once the pipe is full (the test would hang if it did). */
static void test_fifo_no_reader(void **state)
{
	struct vrrp_fifo_params fp = { .uid = (uid_t)-1, .gid = (gid_t)-1 };
	struct event_loop *loop = event_loop_new(NULL);
	char *path = fifo_path(), line[VRRP_FIFO_LINE_MAX], got[64];
	struct vrrp_fifo *f;
	struct stat st;
	int len, i, rd;

	(void)state;
	fp.path = path;
	f = vrrp_fifo_open(loop, &fp);
	assert_non_null(f);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0600);
	len = vrrp_fifo_line(line, sizeof(line), false, "VI_1", "BACKUP", 100);
	for (i = 0; i < 10000; i++)	/* far more than a pipe holds */
		vrrp_fifo_send(f, line, (size_t)len);
	rd = open(path, O_RDONLY | O_NONBLOCK);
	assert_true(rd >= 0);
	assert_int_equal(read(rd, got, (size_t)len), len);
	assert_memory_equal(got, line, (size_t)len);
	close(rd);
	vrrp_fifo_close(&f);
	assert_null(f);
	/* ours: removed with it */
	assert_int_equal(access(path, F_OK), -1);
	event_loop_free(&loop);
	remove_fifo(path);
}

/* A FIFO that was there before is used, and left in place. */
static void test_fifo_existing_stays(void **state)
{
	struct vrrp_fifo_params fp = { .uid = (uid_t)-1, .gid = (gid_t)-1 };
	struct event_loop *loop = event_loop_new(NULL);
	char *path = fifo_path();
	struct vrrp_fifo *f;

	(void)state;
	assert_int_equal(mkfifo(path, 0640), 0);
	fp.path = path;
	f = vrrp_fifo_open(loop, &fp);
	assert_non_null(f);
	vrrp_fifo_close(&f);
	assert_int_equal(access(path, F_OK), 0);
	event_loop_free(&loop);
	remove_fifo(path);
}

/* Something else by that name is not taken for a FIFO. */
static void test_fifo_refuses_a_file(void **state)
{
	struct vrrp_fifo_params fp = { .uid = (uid_t)-1, .gid = (gid_t)-1 };
	struct event_loop *loop = event_loop_new(NULL);
	char *path = fifo_path();
	int fd = open(path, O_CREAT | O_WRONLY, 0600);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	fp.path = path;
	assert_null(vrrp_fifo_open(loop, &fp));
	event_loop_free(&loop);
	remove_fifo(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fault_spreads),
		cmocka_unit_test(test_master_spreads_to_backups_only),
		cmocka_unit_test(test_backup_spreads),
		cmocka_unit_test(test_stopping_moves_nobody),
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_leave_fault),
		cmocka_unit_test(test_group_moves),
		cmocka_unit_test(test_fifo_lines),
		cmocka_unit_test(test_fifo_no_reader),
		cmocka_unit_test(test_fifo_existing_stays),
		cmocka_unit_test(test_fifo_refuses_a_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
