/*
 * check_alloc.h: constructors and destructors of the objects of
 * check_data.h, for the parser and for tests that build a configuration
 * by hand. A new object is zeroed, its lists initialised and its
 * inheritable settings CK_UNSET; it belongs to no list until the caller
 * links it. Each _free() unlinks nothing, frees what the object owns,
 * and NULLs the caller's pointer; all accept NULL.
 */
#ifndef KA_CHECK_ALLOC_H
#define KA_CHECK_ALLOC_H

#include "check_data.h"

/* Every field CK_UNSET / family 0 / empty: "not configured here". */
void ck_common_init(struct ck_common *cm);

struct ck_virtual_server_conf *ck_vs_conf_new(void);
void ck_vs_conf_free(struct ck_virtual_server_conf **vs);

struct ck_real_server_conf *ck_rs_conf_new(void);
void ck_rs_conf_free(struct ck_real_server_conf **rs);

/* With the defaults of its type (DNS type SOA, UDP max_reply_length 255,
 * FILE weight 1...). */
struct ck_checker_conf *ck_checker_conf_new(enum ck_type type);
void ck_checker_conf_free(struct ck_checker_conf **ck);

struct ck_url *ck_url_new(void);
void ck_url_free(struct ck_url **u);

struct ck_vsg_conf *ck_vsg_conf_new(const char *name);
void ck_vsg_conf_free(struct ck_vsg_conf **g);

struct ck_vsg_entry *ck_vsg_entry_new(void);

struct ck_track_file *ck_track_file_new(const char *name);
void ck_track_file_free(struct ck_track_file **tf);

void ck_script_clear(struct ck_script *s);

#endif
