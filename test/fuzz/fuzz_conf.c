/*
 * fuzz_conf.c: a whole keepalived.conf through the same load as -t and
 * the daemon (every keyword table, the grammar with include, $NAME,
 * ~SEQ, conditionals, then the validation pass), followed by freeing it.
 * The system is described rather than read: interfaces eth0 and lo
 * exist, the only user and group are root, and no script file exists, so
 * that a run depends on nothing but its input.
 */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "conf.h"
#include "vrrp_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool known_if(const char *name)
{
	return !strcmp(name, "eth0") || !strcmp(name, "lo");
}

static bool if_exists(const char *name, void *ctx)
{
	(void)ctx;
	return known_if(name);
}

static int user_uid(const char *name, uid_t *uid, void *ctx)
{
	(void)ctx;
	if (strcmp(name, "root"))
		return -ENOENT;
	*uid = 0;
	return 0;
}

static bool group_exists(const char *name, void *ctx)
{
	(void)ctx;
	return !strcmp(name, "root");
}

static int no_file(const char *path, struct stat *st, void *ctx)
{
	(void)path;
	(void)st;
	(void)ctx;
	return -ENOENT;
}

static int if_flags(const char *name, unsigned *flags, void *ctx)
{
	(void)ctx;
	if (!known_if(name))
		return -ENOENT;
	*flags = IFF_UP | IFF_RUNNING | IFF_MULTICAST;
	return 0;
}

static void no_diag(const struct cfg_diag *d, void *ctx)
{
	(void)d;
	(void)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct config_check_env env = {
		if_exists, user_uid, group_exists, no_file, 2, NULL
	};
	static const struct vrrp_check_env venv = {
		if_flags, NULL,
		{ if_exists, user_uid, group_exists, no_file, 2, NULL }
	};
	struct conf_load_opts o = {
		.config_id = "fuzz", .diag = no_diag, .env = &env,
		.vrrp_env = &venv,
	};
	struct ka_conf *c = NULL;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (conf_load_string("fuzz.conf", text, &o, &c) == 0)
		conf_free(&c);
	free(text);
	return 0;
}
