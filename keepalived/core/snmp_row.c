/*
 * snmp_row.c: rows of SNMP values as plain data (snmp_row.h).
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "memory.h"
#include "snmp_row.h"

struct snmp_row *snmp_rows_add(struct snmp_rows *rs, const uint32_t *idx,
			       size_t nidx)
{
	struct snmp_row *r = mem_new(struct snmp_row);

	if (nidx > SNMP_ROW_IDX_MAX)
		nidx = SNMP_ROW_IDX_MAX;
	if (nidx)
		memcpy(r->idx, idx, nidx * sizeof(*idx));
	r->nidx = nidx;
	rs->rows = mem_reallocarray(rs->rows, rs->n + 1, sizeof(*rs->rows));
	rs->rows[rs->n++] = r;
	return r;
}

struct snmp_row *snmp_rows_add1(struct snmp_rows *rs, uint32_t i1)
{
	return snmp_rows_add(rs, &i1, 1);
}

struct snmp_row *snmp_rows_add2(struct snmp_rows *rs, uint32_t i1,
				uint32_t i2)
{
	uint32_t idx[2] = { i1, i2 };

	return snmp_rows_add(rs, idx, 2);
}

struct snmp_row *snmp_rows_add3(struct snmp_rows *rs, uint32_t i1,
				uint32_t i2, uint32_t i3)
{
	uint32_t idx[3] = { i1, i2, i3 };

	return snmp_rows_add(rs, idx, 3);
}

static void cell_clear(struct snmp_cell *c)
{
	mem_free(&c->str);
	memset(c, 0, sizeof(*c));
}

void snmp_rows_clear(struct snmp_rows *rs)
{
	size_t i, c;

	for (i = 0; i < rs->n; i++) {
		for (c = 0; c <= SNMP_ROW_COLS_MAX; c++)
			cell_clear(&rs->rows[i]->cells[c]);
		mem_free(&rs->rows[i]);
	}
	mem_free(&rs->rows);
	rs->n = 0;
}

/* The cell to set, emptied; NULL for a column out of range. */
static struct snmp_cell *cell_for(struct snmp_row *r, unsigned col)
{
	if (col < 1 || col > SNMP_ROW_COLS_MAX)
		return NULL;
	cell_clear(&r->cells[col]);
	return &r->cells[col];
}

void snmp_row_int(struct snmp_row *r, unsigned col, int64_t v)
{
	struct snmp_cell *c = cell_for(r, col);

	if (!c)
		return;
	c->type = SNMP_CELL_INT;
	c->i = v;
}

void snmp_row_uint(struct snmp_row *r, unsigned col, uint64_t v)
{
	struct snmp_cell *c = cell_for(r, col);

	if (!c)
		return;
	c->type = SNMP_CELL_UINT;
	c->u = v > UINT32_MAX ? UINT32_MAX : v;
}

void snmp_row_counter(struct snmp_row *r, unsigned col, uint32_t v)
{
	struct snmp_cell *c = cell_for(r, col);

	if (!c)
		return;
	c->type = SNMP_CELL_COUNTER;
	c->u = v;
}

void snmp_row_counter64(struct snmp_row *r, unsigned col, uint64_t v)
{
	struct snmp_cell *c = cell_for(r, col);

	if (!c)
		return;
	c->type = SNMP_CELL_COUNTER64;
	c->u = v;
}

void snmp_row_bytes(struct snmp_row *r, unsigned col, const void *b,
		    size_t len)
{
	struct snmp_cell *c = cell_for(r, col);

	if (!c)
		return;
	c->type = SNMP_CELL_STR;
	/* one spare byte: a string stays NUL-terminated for the tests */
	c->str = mem_zalloc(len + 1);
	memcpy(c->str, b, len);
	c->len = len;
}

void snmp_row_str(struct snmp_row *r, unsigned col, const char *s)
{
	if (s)
		snmp_row_bytes(r, col, s, strlen(s));
}

void snmp_row_bool(struct snmp_row *r, unsigned col, bool b)
{
	snmp_row_int(r, col, b ? SNMP_TRUE : SNMP_FALSE);
}

void snmp_row_addr(struct snmp_row *r, unsigned type_col, unsigned addr_col,
		   const struct ka_addr *a)
{
	if (a->family == AF_INET) {
		if (type_col)
			snmp_row_int(r, type_col, SNMP_INET_IPV4);
		snmp_row_bytes(r, addr_col, &a->u.v4, 4);
	} else if (a->family == AF_INET6) {
		if (type_col)
			snmp_row_int(r, type_col, SNMP_INET_IPV6);
		snmp_row_bytes(r, addr_col, &a->u.v6, 16);
	}
}

const struct snmp_cell *snmp_row_cell(const struct snmp_row *r,
				      unsigned col)
{
	if (col < 1 || col > SNMP_ROW_COLS_MAX ||
	    r->cells[col].type == SNMP_CELL_NONE)
		return NULL;
	return &r->cells[col];
}

const struct snmp_row *snmp_rows_find(const struct snmp_rows *rs,
				      const uint32_t *idx, size_t nidx)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (rs->rows[i]->nidx == nidx &&
		    memcmp(rs->rows[i]->idx, idx, nidx * sizeof(*idx)) == 0)
			return rs->rows[i];
	return NULL;
}
