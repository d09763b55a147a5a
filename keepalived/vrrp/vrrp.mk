# keepalived/vrrp/: the VRRP stack: so far its pure parts (packets, IPv4
# header, AH, state machine, receive checks, gratuitous ARP and NA), added
# to the libvrrp convenience library of keepalived/local.mk.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_packet.c keepalived/vrrp/vrrp_packet.h \
	keepalived/vrrp/vrrp_ip4.c keepalived/vrrp/vrrp_ip4.h \
	keepalived/vrrp/vrrp_ah.c keepalived/vrrp/vrrp_ah.h \
	keepalived/vrrp/vrrp_fsm.c keepalived/vrrp/vrrp_fsm.h \
	keepalived/vrrp/vrrp_rx.c keepalived/vrrp/vrrp_rx.h \
	keepalived/vrrp/vrrp_arp.c keepalived/vrrp/vrrp_arp.h \
	keepalived/vrrp/vrrp_ndisc.c keepalived/vrrp/vrrp_ndisc.h
# The VRRP configuration (issue 5): objects, keyword handlers by theme,
# the printout, and the validation pass after the parse.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_data.c keepalived/vrrp/vrrp_data.h \
	keepalived/vrrp/vrrp_data_equal.c keepalived/vrrp/vrrp_print.c \
	keepalived/vrrp/vrrp_kw.h keepalived/vrrp/vrrp_kw_instance.c \
	keepalived/vrrp/vrrp_kw_switch.c keepalived/vrrp/vrrp_kw_addr.c \
	keepalived/vrrp/vrrp_kw_auth.c keepalived/vrrp/vrrp_kw_garp.c \
	keepalived/vrrp/vrrp_check.c keepalived/vrrp/vrrp_check.h \
	keepalived/vrrp/vrrp_check_all.c keepalived/vrrp/vrrp_check_sys.c
# conf.c (keepalived/core) holds the VRRP configuration and runs its checks.
keepalived_core_libcore_a_CPPFLAGS += -I$(top_srcdir)/keepalived/vrrp
keepalived_core_libcore_san_a_CPPFLAGS += -I$(top_srcdir)/keepalived/vrrp

# The system-call side: raw VRRP sockets, adverts assembled for them, and
# gratuitous ARP / unsolicited NA on the event loop.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_tx.c keepalived/vrrp/vrrp_tx.h \
	keepalived/vrrp/vrrp_socket.c keepalived/vrrp/vrrp_socket.h \
	keepalived/vrrp/vrrp_announce.c keepalived/vrrp/vrrp_announce.h

# The runtime: instances' state machines wired to the sockets, netlink and
# the loop (vrrp_run.h), run by the VRRP child (vrrp_daemon.c).
KAVRRP_SOURCES += keepalived/vrrp/vrrp_run.c keepalived/vrrp/vrrp_run.h \
	keepalived/vrrp/vrrp_run_internal.h keepalived/vrrp/vrrp_run_fx.c \
	keepalived/vrrp/vrrp_run_rx.c keepalived/vrrp/vrrp_run_dump.c
# What outside readers (SNMP) see of the instances, and their observers.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_run_view.c \
	keepalived/vrrp/vrrp_run_view.h
# VRRP-MIB (RFC 2787) and VRRPV3-MIB (RFC 6527): the mappings (pure).
KAVRRP_SOURCES += keepalived/vrrp/vrrp_snmp_rfc_map.c \
	keepalived/vrrp/vrrp_snmp_rfc_map.h
# ... and their tables, scalars and traps on the sub-agent.
if WITH_SNMP
KAVRRP_SOURCES += keepalived/vrrp/vrrp_snmp_rfc.c \
	keepalived/vrrp/vrrp_snmp_rfc.h \
	keepalived/vrrp/vrrp_snmp_rfc_internal.h \
	keepalived/vrrp/vrrp_snmp_rfc_row.c \
	keepalived/vrrp/vrrp_snmp_rfc_trap.c
endif

# --- vrrp_script, tracking and notify (wip-vrscript) ---
# The configuration: the vrrp_script block, track_script and
# track_interface lines, notify scripts, and their checks.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_kw_track.c \
	keepalived/vrrp/vrrp_kw_notify.c keepalived/vrrp/vrrp_check_track.c
# The runtime: tracking arithmetic (pure), script runners, notify
# scripts, and the instances' use of them.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_track.c keepalived/vrrp/vrrp_track.h \
	keepalived/vrrp/vrrp_script.c keepalived/vrrp/vrrp_script.h \
	keepalived/vrrp/vrrp_notify.c keepalived/vrrp/vrrp_notify.h \
	keepalived/vrrp/vrrp_run_track.c keepalived/vrrp/vrrp_params.c \
	keepalived/vrrp/vrrp_params.h

# --- vrrp_sync_group and the notify FIFOs (wip-syncgrp) ---
# The vrrp_sync_group block and its checks; the group's rules (pure), the
# FIFO lines, and the runtime that applies them.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_kw_sync.c \
	keepalived/vrrp/vrrp_check_sync.c \
	keepalived/vrrp/vrrp_sync.c keepalived/vrrp/vrrp_sync.h \
	keepalived/vrrp/vrrp_fifo.c keepalived/vrrp/vrrp_fifo.h \
	keepalived/vrrp/vrrp_run_sync.c

# ---- lvs_sync_daemon (wip-ipvs): the IPVS sync daemon follows an
# instance's state; it uses the IPVS backends of keepalived/check.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_lvs_sync.c \
	keepalived/vrrp/vrrp_lvs_sync.h \
	keepalived/vrrp/vrrp_lvs_sync_open.c \
	keepalived/vrrp/vrrp_lvs_sync_open.h
# --- track_file, track_process, notify extras (wip-vtrack) ---
# track_file lines are checked against the checker's track_file blocks.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_check_tfile.c
# vrrp_track_process: the block, its checks, the pure matching and
# connector decoding (vrrp_proc.c), and the watcher on the loop.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_kw_proc.c \
	keepalived/vrrp/vrrp_check_proc.c \
	keepalived/vrrp/vrrp_proc.c keepalived/vrrp/vrrp_proc.h \
	keepalived/vrrp/vrrp_proc_watch.c keepalived/vrrp/vrrp_proc_watch.h
# smtp_alert of instances and groups: the words (pure).
KAVRRP_SOURCES += keepalived/vrrp/vrrp_smtp.c keepalived/vrrp/vrrp_smtp.h
# linkbeat: carriers polled with MII / ethtool / SIOCGIFFLAGS ioctls.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_linkbeat.c \
	keepalived/vrrp/vrrp_linkbeat.h
# Track files watched with inotify on the VRRP loop.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_tfile.c keepalived/vrrp/vrrp_tfile.h
keepalived_vrrp_libvrrp_a_CPPFLAGS += -I$(top_srcdir)/keepalived/check
keepalived_vrrp_libvrrp_san_a_CPPFLAGS += -I$(top_srcdir)/keepalived/check
# --- virtual routes and rules, vmac, strict mode (wip-vnet) ---
# virtual_routes / virtual_rules as data (pure), and the runtime that sets
# them while an instance is master.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_vroute.c keepalived/vrrp/vrrp_vroute.h \
	keepalived/vrrp/vrrp_run_vroute.c
# use_vmac: the macvlan's name, MAC and requests (pure), and the runtime.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_vmac.c keepalived/vrrp/vrrp_vmac.h \
	keepalived/vrrp/vrrp_run_vmac.c
# track_group of static entries, in the VRRP child.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_static_track.c \
	keepalived/vrrp/vrrp_static_track.h
# strict_mode's checks.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_check_strict.c
# no_accept / vrrp_strict: the nft commands (pure), and libnftables running
# them; without it, a runtime that says no_accept is not enforced.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_nft.c keepalived/vrrp/vrrp_nft.h
if WITH_NFTABLES
KAVRRP_SOURCES += keepalived/vrrp/vrrp_run_nft.c
KA_CORE_LIBS += $(NFTABLES_LIBS)
KA_CORE_SAN_LIBS += $(NFTABLES_LIBS)
else
KAVRRP_SOURCES += keepalived/vrrp/vrrp_run_nft_none.c
endif
# ---- SNMP (wip-snmp-vrrp): KEEPALIVED-MIB's encodings of VRRP values
# (pure); the tables and traps are in the SNMP block of keepalived/local.mk.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_snmp_map.c \
	keepalived/vrrp/vrrp_snmp_map.h
