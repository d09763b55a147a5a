"""keepalived.conf text for the benchmark items (pure functions)."""


def vip_of(index):
    """The virtual address of instance `index` (0-based): 10.200.x.y."""
    return f"10.{200 + index // 62500}.{index // 250 % 250}.{index % 250 + 1}"


def instance(name, ifname, vrid, prio, advert, version, vip):
    return (f"vrrp_instance {name} {{\n"
            f"    state BACKUP\n"
            f"    interface {ifname}\n"
            f"    virtual_router_id {vrid}\n"
            f"    priority {prio}\n"
            f"    advert_int {advert}\n"
            f"    version {version}\n"
            f"    virtual_ipaddress {{\n        {vip}/32\n    }}\n"
            f"}}\n")


def globals_(router_id):
    return ("global_defs {\n"
            f"    router_id {router_id}\n"
            "    vrrp_garp_master_delay 0\n"
            "    vrrp_garp_master_repeat 1\n"
            "}\n")


def vrrp_config(router_id, n, prio, advert, version, ifnames,
                changed=()):
    """n instances, 250 per interface (VRIDs 1-250 on each); the
    instances listed in `changed` get another virtual address."""
    out = [globals_(router_id)]
    for i in range(n):
        vip = vip_of(i)
        if i in changed:
            vip = vip_of(i + 200000)
        out.append(instance(f"VI_{i}", ifnames[i // 250], i % 250 + 1, prio,
                            advert, version, vip))
    return "".join(out)


def rs_addr(index):
    """Real server `index` (0-based): 10.90-99.x.y."""
    return f"10.{90 + index // 62500}.{index // 250 % 250}.{index % 250 + 1}"


def real_server(addr, port, weight, check):
    body = f"        weight {weight}\n"
    if check:
        body += ("        TCP_CHECK {\n"
                 "            connect_timeout 3\n"
                 "        }\n")
    return f"    real_server {addr} {port} {{\n{body}    }}\n"


def virtual_servers(n_vs, n_rs, check=True, weights=None, replaced=(),
                    port=8080):
    """n_vs virtual servers (10.50.x.y:80) of n_rs real servers each.
    weights: {rs index: weight}; replaced: rs indexes given another
    address."""
    weights = weights or {}
    out = []
    for v in range(n_vs):
        vip = f"10.50.{v // 250}.{v % 250 + 1}"
        out.append(f"virtual_server {vip} 80 {{\n"
                   "    delay_loop 10\n"
                   "    lvs_sched rr\n"
                   "    lvs_method NAT\n"
                   "    protocol TCP\n")
        for r in range(n_rs):
            idx = v * n_rs + r
            addr = rs_addr(idx + 500000 if idx in replaced else idx)
            out.append(real_server(addr, port, weights.get(idx, 1), check))
        out.append("}\n")
    return "".join(out)


def big_config(n_vrrp, n_vs, n_rs, ifnames, check=True, changed_vrrp=(),
               weights=None, replaced=()):
    """The item-4 file: n_vrrp instances and n_vs x n_rs real servers."""
    return (vrrp_config("big", n_vrrp, 100, 1, 2, ifnames, changed_vrrp)
            + virtual_servers(n_vs, n_rs, check, weights, replaced))


def checker_config(n_rs, delay_loop=1, port=8080):
    """One virtual server with n_rs TCP_CHECKed real servers (item 5)."""
    out = ["global_defs {\n    router_id checkbench\n}\n",
           "virtual_server 10.50.0.1 80 {\n"
           f"    delay_loop {delay_loop}\n"
           "    lvs_sched rr\n    lvs_method NAT\n    protocol TCP\n"]
    for i in range(n_rs):
        out.append(f"    real_server {rs_addr(i)} {port} {{\n"
                   "        weight 1\n"
                   "        TCP_CHECK {\n"
                   "            connect_timeout 3\n"
                   "        }\n    }\n")
    out.append("}\n")
    return "".join(out)
