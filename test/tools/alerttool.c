/*
 * alerttool: sends e-mail alerts with the daemon's alerter, for
 * test/integration/test_smtp_alert.py.
 *
 *   alerttool [-n COUNT] [-t SECONDS] CONF SUBJECT BODY
 *       Reads the global_defs of CONF with the daemon's parser, queues
 *       COUNT (default 1) alerts at once on an event loop, and runs the
 *       loop until the alerter has nothing left in flight or SECONDS
 *       (default 60) have passed. Logs to stdout what the daemon logs,
 *       then prints "queued Q busy B". Exit status 0 when the alerter
 *       finished, 3 when the time ran out first, 2 for a bad
 *       configuration or usage.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "conf.h"
#include "config_test.h"
#include "event.h"
#include "log.h"
#include "smtp_alert.h"
#include "strutil.h"

static int usage(void)
{
	fprintf(stderr, "usage: alerttool [-n COUNT] [-t SECONDS] CONF "
		"SUBJECT BODY\n");
	return 2;
}

static void print_diag(const struct cfg_diag *d, void *ctx)
{
	config_test_print(ctx, d);
}

static void on_give_up(struct event_loop *loop, const struct event_info *info)
{
	*(bool *)info->arg = true;
	event_loop_stop(loop);
}

/* Runs the loop until only the give-up timer is left, or it fired. */
static int wait_done(struct event_loop *loop, unsigned long timeout_s)
{
	struct event *ev_give_up = NULL;
	struct event_loop_stats st;
	bool gave_up = false;

	if (event_add_timer(loop, &ev_give_up, timeout_s * 1000000ULL,
			    on_give_up, &gave_up) < 0)
		return 1;
	for (;;) {
		event_loop_get_stats(loop, &st);
		if (gave_up || st.scheduled <= 1)
			break;
		if (event_loop_run_once(loop, true) < 0)
			break;
	}
	event_cancel(&ev_give_up);
	return gave_up ? 3 : 0;
}

static int send_alerts(struct event_loop *loop, const struct ka_conf *conf,
		       unsigned long count, unsigned long timeout_s,
		       char **words)
{
	struct smtp_alerter *a = smtp_alerter_new(loop, conf->global);
	unsigned long i, busy = 0;
	int status;

	for (i = 0; i < count; i++)
		if (smtp_alert_send(a, words[0], words[1]) == -EBUSY)
			busy++;
	status = wait_done(loop, timeout_s);
	smtp_alerter_free(&a);
	printf("queued %lu busy %lu\n", count - busy, busy);
	return status;
}

int main(int argc, char **argv)
{
	struct log_opts lo = {
		.ident = "alerttool", .flags = LOG_FLAG_CONSOLE,
		.console = stdout,
	};
	struct conf_load_opts co = { .diag = print_diag, .diag_ctx = stderr };
	unsigned long count = 1, timeout_s = 60;
	struct event_loop *loop;
	struct ka_conf *conf = NULL;
	int c, status;

	while ((c = getopt(argc, argv, "n:t:")) != -1) {
		if (c == 'n' && str_to_ulong(optarg, 1, 1000, &count) == 0)
			continue;
		if (c == 't' && str_to_ulong(optarg, 1, 3600, &timeout_s) == 0)
			continue;
		return usage();
	}
	if (argc - optind != 3)
		return usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	log_open(&lo);
	if (conf_load_file(argv[optind], &co, &conf) < 0 ||
	    conf->worst >= CFG_ERROR) {
		conf_free(&conf);
		return 2;
	}
	loop = event_loop_new(NULL);
	if (!loop) {
		perror("event_loop_new");
		return 1;
	}
	status = send_alerts(loop, conf, count, timeout_s, argv + optind + 1);
	event_loop_free(&loop);
	conf_free(&conf);
	log_close();
	return status;
}
