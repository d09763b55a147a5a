/*
 * vrrp_kw_auth.c: the authentication block of a vrrp_instance (VRRP
 * version 2 only: RFC 3768 removed it, version 3 has none).
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "vrrp_kw.h"

VRRP_KW(vrrp_kw_auth_type)
{
	struct vrrp_instance_conf *ic = IC(obj);

	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	if (!strcmp(w->words[1], "PASS")) {
		ic->auth.type = VRRP_AUTH_PASS;
	} else if (!strcmp(w->words[1], "AH")) {
		ic->auth.type = VRRP_AUTH_AH;
	} else {
		cfg_report(p, CFG_ERROR, "(%s) unknown authentication type "
			   "'%s'", ic->name, w->words[1]);
		return -EINVAL;
	}
	vrrp_kw_mark(ic, w, &ic->auth.type_at);
	return 0;
}

/* Only 8 bytes go on the wire (PASS) or into the HMAC key (AH); a longer
 * password would make an operator believe the rest counts. */
VRRP_KW(vrrp_kw_auth_pass)
{
	struct vrrp_instance_conf *ic = IC(obj);
	const char *pass;

	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	pass = w->words[1];
	if (strlen(pass) > VRRP_AUTH_DATA_LEN)
		cfg_report(p, CFG_WARNING, "(%s) auth_pass is longer than %d "
			   "characters: only '%.*s' is used", ic->name,
			   VRRP_AUTH_DATA_LEN, VRRP_AUTH_DATA_LEN, pass);
	memset(ic->auth.pass, 0, sizeof(ic->auth.pass));
	strncpy(ic->auth.pass, pass, VRRP_AUTH_DATA_LEN);
	ic->auth.pass_set = true;
	vrrp_kw_mark(ic, w, &ic->auth.pass_at);
	return 0;
}
