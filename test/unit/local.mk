# Unit tests: cmocka programs that link the sanitized copies of the
# convenience libraries. Each module adds its programs in its own fragment.
if WITH_CMOCKA
include test/unit/event.mk
include test/unit/util.mk
include test/unit/parser.mk
include test/unit/core.mk
include test/unit/vrrp.mk
include test/unit/netlink.mk
include test/unit/smtpdns.mk
# HTTP_GET/SSL_GET (wip-ckhttp)
include test/unit/http.mk
include test/unit/checkrun.mk
# IPVS above the kernel (wip-ckipvs)
include test/unit/ipvsrec.mk
include test/unit/check.mk
include test/unit/ckmisc.mk
include test/unit/checksnmp.mk
# SNMP (wip-snmp-vrrp)
include test/unit/snmp.mk
endif
