/*
 * snmp_row.h: the values of an SNMP table or scalar group, as plain data
 * (no net-snmp types): a module fills rows of cells from the daemon's
 * state, and snmp_tab.c serves them. A cell left empty is an object we
 * have no value for: a GET says noSuchInstance and a walk skips it.
 *
 * Ownership: a struct snmp_rows owns its rows and their strings;
 * snmp_rows_clear() frees them.
 */
#ifndef KA_SNMP_ROW_H
#define KA_SNMP_ROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

#define SNMP_ROW_IDX_MAX 3
#define SNMP_ROW_COLS_MAX 64

enum snmp_cell_type {
	SNMP_CELL_NONE = 0,
	SNMP_CELL_INT,		/* INTEGER, Integer32, enumerations */
	SNMP_CELL_UINT,		/* Unsigned32 / Gauge32 */
	SNMP_CELL_COUNTER,	/* Counter32 */
	SNMP_CELL_COUNTER64,
	SNMP_CELL_STR,		/* OCTET STRING: DisplayString, InetAddress */
};

struct snmp_cell {
	enum snmp_cell_type type;
	int64_t i;
	uint64_t u;
	char *str;		/* owned; not NUL-terminated for addresses */
	size_t len;
};

struct snmp_row {
	uint32_t idx[SNMP_ROW_IDX_MAX];
	size_t nidx;
	struct snmp_cell cells[SNMP_ROW_COLS_MAX + 1];	/* by column */
};

struct snmp_rows {
	struct snmp_row **rows;
	size_t n;
};

/* MIB conventions. */
enum { SNMP_TRUE = 1, SNMP_FALSE = 2 };	/* TruthValue, and the MIB's
					 * true(1)/false(2) enums */
enum { SNMP_INET_UNKNOWN = 0, SNMP_INET_IPV4 = 1, SNMP_INET_IPV6 = 2 };

/* A new row with these indexes (nidx <= SNMP_ROW_IDX_MAX), appended;
 * never NULL (allocation failure exits). */
struct snmp_row *snmp_rows_add(struct snmp_rows *rs, const uint32_t *idx,
			       size_t nidx);
/* Shorthands for one, two and three indexes. */
struct snmp_row *snmp_rows_add1(struct snmp_rows *rs, uint32_t i1);
struct snmp_row *snmp_rows_add2(struct snmp_rows *rs, uint32_t i1,
				uint32_t i2);
struct snmp_row *snmp_rows_add3(struct snmp_rows *rs, uint32_t i1,
				uint32_t i2, uint32_t i3);
/* Frees every row; rs can be filled again. */
void snmp_rows_clear(struct snmp_rows *rs);

/* Setters: a column out of 1..SNMP_ROW_COLS_MAX is ignored. */
void snmp_row_int(struct snmp_row *r, unsigned col, int64_t v);
void snmp_row_uint(struct snmp_row *r, unsigned col, uint64_t v);
void snmp_row_counter(struct snmp_row *r, unsigned col, uint32_t v);
void snmp_row_counter64(struct snmp_row *r, unsigned col, uint64_t v);
/* NULL leaves the cell empty (no value). */
void snmp_row_str(struct snmp_row *r, unsigned col, const char *s);
void snmp_row_bytes(struct snmp_row *r, unsigned col, const void *b,
		    size_t len);
/* enabled(1)/disabled(2), true(1)/false(2) and the like. */
void snmp_row_bool(struct snmp_row *r, unsigned col, bool b);
/* An InetAddressType in type_col and the InetAddress (4 or 16 bytes) in
 * addr_col; a family-0 address leaves both empty. type_col 0: only the
 * address. */
void snmp_row_addr(struct snmp_row *r, unsigned type_col, unsigned addr_col,
		   const struct ka_addr *a);

/* The cell of a column, or NULL if it has no value. */
const struct snmp_cell *snmp_row_cell(const struct snmp_row *r,
				      unsigned col);

/* The row with these indexes, or NULL. */
const struct snmp_row *snmp_rows_find(const struct snmp_rows *rs,
				      const uint32_t *idx, size_t nidx);

#endif
