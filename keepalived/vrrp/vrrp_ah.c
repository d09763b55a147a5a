/*
 * vrrp_ah.c: AH header and HMAC-MD5-96 integrity check value for VRRPv2.
 */
#include <errno.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "vrrp_ah.h"
#include "vrrp_packet.h"

#define IP_HDR_MAX 60
#define AH_ICV_OFFSET 12

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

ssize_t vrrp_ah_build(uint8_t *buf, size_t size, uint32_t spi, uint32_t seq,
		      const char **why)
{
	if (size < VRRP_AH_LEN) {
		*why = "buffer too small";
		return -EINVAL;
	}
	memset(buf, 0, VRRP_AH_LEN);
	buf[0] = VRRP_PROTOCOL;
	/* RFC 2402: length in 32-bit words, minus 2 */
	buf[1] = VRRP_AH_LEN / 4 - 2;
	put32(buf + 4, spi);
	put32(buf + 8, seq);
	return VRRP_AH_LEN;
}

int vrrp_ah_parse(const uint8_t *buf, size_t len, struct vrrp_ah *out,
		  const char **why)
{
	*why = NULL;
	if (len < VRRP_AH_LEN)
		*why = "shorter than an AH header";
	else if (buf[0] != VRRP_PROTOCOL)
		*why = "AH does not carry VRRP";
	else if (buf[1] != VRRP_AH_LEN / 4 - 2)
		*why = "AH length is not that of HMAC-MD5-96";
	if (*why)
		return -EINVAL;
	out->next_header = buf[0];
	out->spi = get32(buf + 4);
	out->seq = get32(buf + 8);
	out->icv = buf + AH_ICV_OFFSET;
	return 0;
}

/* The IPv4 header as the ICV sees it: mutable fields zeroed. */
static size_t icv_ip_header(const uint8_t *ip, size_t len, bool zero_ttl,
			    uint8_t hdr[IP_HDR_MAX])
{
	size_t hlen = (size_t)(ip[0] & 0x0f) * 4;

	if (hlen < 20 || hlen > IP_HDR_MAX || len < hlen + VRRP_AH_LEN)
		return 0;
	memcpy(hdr, ip, hlen);
	hdr[1] = 0;			/* TOS */
	hdr[6] = hdr[7] = 0;		/* flags and fragment offset */
	if (zero_ttl)
		hdr[8] = 0;
	hdr[10] = hdr[11] = 0;		/* header checksum */
	return hlen;
}

static int hmac_md5(const char *password, const uint8_t *parts[],
		    const size_t lens[], size_t nparts, uint8_t *out16)
{
	char key[VRRP_AH_KEY_LEN] = { 0 };
	char digest[] = "MD5";
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						 digest, 0),
		OSSL_PARAM_construct_end(),
	};
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	size_t outl = 0, i;
	int ok;

	if (password)
		memcpy(key, password, strnlen(password, sizeof(key)));
	ok = ctx && EVP_MAC_init(ctx, (const unsigned char *)key,
				 sizeof(key), params);
	for (i = 0; ok && i < nparts; i++)
		ok = EVP_MAC_update(ctx, parts[i], lens[i]);
	ok = ok && EVP_MAC_final(ctx, out16, &outl, 16) && outl == 16;
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	OPENSSL_cleanse(key, sizeof(key));
	return ok ? 0 : -EIO;
}

static int compute_icv(const uint8_t *ip, size_t len, const char *password,
		       bool zero_ttl, uint8_t icv[VRRP_AH_ICV_LEN],
		       const char **why)
{
	static const uint8_t zeros[VRRP_AH_ICV_LEN];
	uint8_t hdr[IP_HDR_MAX], digest[16];
	size_t hlen = icv_ip_header(ip, len, zero_ttl, hdr);
	const uint8_t *parts[4];
	size_t lens[4];

	if (!hlen) {
		*why = "packet too short for IPv4 and AH headers";
		return -EINVAL;
	}
	parts[0] = hdr, lens[0] = hlen;
	parts[1] = ip + hlen, lens[1] = AH_ICV_OFFSET;
	parts[2] = zeros, lens[2] = VRRP_AH_ICV_LEN;
	parts[3] = ip + hlen + VRRP_AH_LEN, lens[3] = len - hlen - VRRP_AH_LEN;
	if (hmac_md5(password, parts, lens, 4, digest) < 0) {
		*why = "HMAC-MD5 unavailable";
		return -EIO;
	}
	memcpy(icv, digest, VRRP_AH_ICV_LEN);
	return 0;
}

int vrrp_ah_sign(uint8_t *ip, size_t len, const char *password,
		 bool zero_ttl, const char **why)
{
	uint8_t icv[VRRP_AH_ICV_LEN];
	int ret = compute_icv(ip, len, password, zero_ttl, icv, why);

	if (ret < 0)
		return ret;
	memcpy(ip + (size_t)(ip[0] & 0x0f) * 4 + AH_ICV_OFFSET, icv,
	       VRRP_AH_ICV_LEN);
	return 0;
}

int vrrp_ah_verify(const uint8_t *ip, size_t len, const char *password,
		   bool zero_ttl, const char **why)
{
	uint8_t icv[VRRP_AH_ICV_LEN];
	int ret = compute_icv(ip, len, password, zero_ttl, icv, why);

	if (ret < 0)
		return ret;
	if (CRYPTO_memcmp(icv, ip + (size_t)(ip[0] & 0x0f) * 4 +
			  AH_ICV_OFFSET, VRRP_AH_ICV_LEN) != 0) {
		*why = "AH integrity check failed";
		return -EINVAL;
	}
	return 0;
}
