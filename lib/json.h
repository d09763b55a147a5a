/*
 * json.h: a small JSON writer into memory, for the JSON dump.
 *
 * Pure: no I/O. Calls describe the document in order; the writer adds
 * the commas, escapes strings and checks the nesting. A call that does
 * not fit where it is made (a key inside an array, no key inside an
 * object, an end that does not match, nesting deeper than JSON_MAX_DEPTH)
 * marks the writer as failed, and json_text() then returns NULL, so a
 * caller never writes out half a document.
 *
 * "key" is the member name inside an object and must be NULL elsewhere
 * (inside an array, or for the top-level value).
 */
#ifndef KA_JSON_H
#define KA_JSON_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_MAX_DEPTH 32

struct json;

/* Never NULL (allocation failure exits). Free with json_free(). */
struct json *json_new(void);
/* Frees and sets *j to NULL; accepts NULL. */
void json_free(struct json **j);

void json_begin_object(struct json *j, const char *key);
void json_end_object(struct json *j);
void json_begin_array(struct json *j, const char *key);
void json_end_array(struct json *j);

/* A NULL value writes null. Bytes that are not valid UTF-8 are written
 * as U+FFFD, so the document stays valid whatever a string holds. */
void json_string(struct json *j, const char *key, const char *value);
void json_int(struct json *j, const char *key, long long value);
void json_uint(struct json *j, const char *key, unsigned long long value);
/* Six decimals; NaN and infinities are written as null. */
void json_double(struct json *j, const char *key, double value);
void json_bool(struct json *j, const char *key, bool value);
void json_null(struct json *j, const char *key);

/*
 * The document, NUL-terminated, owned by the writer; *len (if not NULL)
 * gets its length. NULL if a call was misplaced, or if the document is
 * not complete (an object or array still open, or nothing written).
 */
const char *json_text(const struct json *j, size_t *len);

#endif
