//! Links, addresses and routes through rtnetlink: the bridge, the veth pair (its container
//! end moved into the namespace and renamed as netavark names it), addresses and the
//! default route. A netlink socket talks to the namespace it was opened in: one for the
//! host, one opened by a short-lived thread that entered the container's namespace.

use std::fs::File;
use std::net::{IpAddr, Ipv4Addr};
use std::os::fd::AsRawFd;
use std::path::Path;

use futures_util::TryStreamExt;
use netlink_packet_route::link::{InfoKind, LinkAttribute, LinkInfo, LinkMessage};
use rtnetlink::Handle;

/// A netlink failure, as one line.
pub type LinkResult<T> = std::result::Result<T, String>;

/// The errno of a netlink error, if it is one.
fn errno(e: &rtnetlink::Error) -> Option<i32> {
    match e {
        rtnetlink::Error::NetlinkError(m) => m.code.map(|c| -c.get()),
        _ => None,
    }
}

fn describe(what: &str, e: rtnetlink::Error) -> String {
    match errno(&e) {
        Some(n) => format!("{what}: {}", std::io::Error::from_raw_os_error(n)),
        None => format!("{what}: {e}"),
    }
}

/// A handle on the host's links (the caller's namespace).
pub fn host() -> LinkResult<Handle> {
    let (conn, handle, _) =
        rtnetlink::new_connection().map_err(|e| format!("netlink socket: {e}"))?;
    tokio::spawn(conn);
    Ok(handle)
}

/// A handle on the links of the namespace at `netns`: its socket is opened by a thread that
/// entered the namespace (only that thread's namespace changes) and exits right after.
pub fn inside(netns: &Path) -> LinkResult<Handle> {
    let file = File::open(netns).map_err(|e| format!("{}: {e}", netns.display()))?;
    let rt = tokio::runtime::Handle::current();
    let opened = std::thread::scope(|s| {
        s.spawn(|| {
            nix::sched::setns(&file, nix::sched::CloneFlags::CLONE_NEWNET)
                .map_err(|e| format!("entering {}: {e}", netns.display()))?;
            let _guard = rt.enter();
            rtnetlink::new_connection().map_err(|e| format!("netlink socket: {e}"))
        })
        .join()
    })
    .map_err(|_| "netlink thread failed".to_string())?;
    let (conn, handle, _) = opened?;
    tokio::spawn(conn);
    Ok(handle)
}

/// The link named `name`, if there is one.
pub async fn by_name(h: &Handle, name: &str) -> LinkResult<Option<LinkMessage>> {
    let mut req = h
        .clone()
        .link()
        .get()
        .match_name(name.to_string())
        .execute();
    match req.try_next().await {
        Ok(m) => Ok(m),
        Err(e) if errno(&e) == Some(libc::ENODEV) => Ok(None),
        Err(e) => Err(describe(&format!("looking up {name}"), e)),
    }
}

fn is_bridge(m: &LinkMessage) -> bool {
    m.attributes.iter().any(|a| {
        matches!(a, LinkAttribute::LinkInfo(infos)
            if infos.iter().any(|i| matches!(i, LinkInfo::Kind(InfoKind::Bridge))))
    })
}

fn master(m: &LinkMessage) -> Option<u32> {
    m.attributes.iter().find_map(|a| match a {
        LinkAttribute::Controller(i) => Some(*i),
        _ => None,
    })
}

/// The MAC address of a link, as `ip link` writes it.
pub fn mac(m: &LinkMessage) -> String {
    m.attributes
        .iter()
        .find_map(|a| match a {
            LinkAttribute::Address(b) => Some(
                b.iter()
                    .map(|x| format!("{x:02x}"))
                    .collect::<Vec<_>>()
                    .join(":"),
            ),
            _ => None,
        })
        .unwrap_or_default()
}

/// The bridge `name`: its index and whether this call made it. Made with `gateway/prefix`
/// and up when missing; a link of that name that is no bridge is an error.
pub async fn ensure_bridge(
    h: &Handle,
    name: &str,
    gateway: Option<Ipv4Addr>,
    prefix: u8,
) -> LinkResult<(u32, bool)> {
    if let Some(m) = by_name(h, name).await? {
        if !is_bridge(&m) {
            return Err(format!("interface {name} exists and is not a bridge"));
        }
        return Ok((m.header.index, false));
    }
    h.link()
        .add()
        .bridge(name.to_string())
        .execute()
        .await
        .map_err(|e| describe(&format!("creating bridge {name}"), e))?;
    let m = by_name(h, name)
        .await?
        .ok_or_else(|| format!("bridge {name} vanished"))?;
    let index = m.header.index;
    let made = async {
        if let Some(gw) = gateway {
            match h
                .address()
                .add(index, IpAddr::V4(gw), prefix)
                .execute()
                .await
            {
                Err(e) if errno(&e) != Some(libc::EEXIST) => {
                    return Err(describe(&format!("address {gw} on {name}"), e))
                }
                _ => {}
            }
        }
        h.link()
            .set(index)
            .up()
            .execute()
            .await
            .map_err(|e| describe(&format!("setting {name} up"), e))
    };
    if let Err(e) = made.await {
        let _ = delete(h, name).await;
        return Err(e);
    }
    Ok((index, true))
}

/// Whether any link is a port of the bridge with index `bridge`.
pub async fn has_ports(h: &Handle, bridge: u32) -> LinkResult<bool> {
    let mut links = h.link().get().execute();
    while let Some(m) = links
        .try_next()
        .await
        .map_err(|e| describe("listing links", e))?
    {
        if master(&m) == Some(bridge) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Deletes link `name` (a veth takes its peer with it); a missing one is no error.
pub async fn delete(h: &Handle, name: &str) -> LinkResult<()> {
    let Some(m) = by_name(h, name).await? else {
        return Ok(());
    };
    match h.clone().link().del(m.header.index).execute().await {
        Err(e) if errno(&e) != Some(libc::ENODEV) => Err(describe(&format!("deleting {name}"), e)),
        _ => Ok(()),
    }
}

/// A veth pair `host`/`peer`: the host end a port of `bridge` and up, the peer moved into
/// the namespace `netns` (still named `peer` there).
pub async fn veth_into(
    h: &Handle,
    host: &str,
    peer: &str,
    bridge: u32,
    netns: &File,
) -> LinkResult<()> {
    // A pair of a killed run of the same container would be in the way.
    delete(h, host).await?;
    h.link()
        .add()
        .veth(host.to_string(), peer.to_string())
        .execute()
        .await
        .map_err(|e| describe(&format!("creating veth {host}"), e))?;
    let host_index = by_name(h, host)
        .await?
        .ok_or_else(|| format!("veth {host} vanished"))?
        .header
        .index;
    let peer_index = by_name(h, peer)
        .await?
        .ok_or_else(|| format!("veth {peer} vanished"))?
        .header
        .index;
    h.link()
        .set(host_index)
        .controller(bridge)
        .execute()
        .await
        .map_err(|e| describe(&format!("adding {host} to the bridge"), e))?;
    h.link()
        .set(host_index)
        .up()
        .execute()
        .await
        .map_err(|e| describe(&format!("setting {host} up"), e))?;
    h.link()
        .set(peer_index)
        .setns_by_fd(netns.as_raw_fd())
        .execute()
        .await
        .map_err(|e| describe(&format!("moving {peer} into the namespace"), e))
}

/// Inside the namespace: `peer` renamed `iface`, its address, up; loopback up; the default
/// route through `gateway` when `route`. Returns `iface`'s MAC address.
pub async fn configure_inside(
    h: &Handle,
    peer: &str,
    iface: &str,
    ip: Ipv4Addr,
    prefix: u8,
    gateway: Option<Ipv4Addr>,
    route: bool,
) -> LinkResult<String> {
    let index = by_name(h, peer)
        .await?
        .ok_or_else(|| format!("{peer} is not in the namespace"))?
        .header
        .index;
    h.link()
        .set(index)
        .name(iface.to_string())
        .execute()
        .await
        .map_err(|e| describe(&format!("renaming {peer} to {iface}"), e))?;
    h.address()
        .add(index, IpAddr::V4(ip), prefix)
        .execute()
        .await
        .map_err(|e| describe(&format!("address {ip} on {iface}"), e))?;
    h.link()
        .set(index)
        .up()
        .execute()
        .await
        .map_err(|e| describe(&format!("setting {iface} up"), e))?;
    if let Some(lo) = by_name(h, "lo").await? {
        h.link()
            .set(lo.header.index)
            .up()
            .execute()
            .await
            .map_err(|e| describe("setting lo up", e))?;
    }
    if let (Some(gw), true) = (gateway, route) {
        match h.route().add().v4().gateway(gw).execute().await {
            Err(e) if errno(&e) != Some(libc::EEXIST) => {
                return Err(describe(&format!("default route via {gw}"), e))
            }
            _ => {}
        }
    }
    let m = by_name(h, iface)
        .await?
        .ok_or_else(|| format!("{iface} vanished"))?;
    Ok(mac(&m))
}

/// Writes a sysctl under /proc/sys unless it already has that value.
pub fn sysctl(key: &str, value: &str) -> LinkResult<()> {
    let path = Path::new("/proc/sys").join(key);
    if std::fs::read_to_string(&path).is_ok_and(|v| v.trim() == value) {
        return Ok(());
    }
    std::fs::write(&path, value).map_err(|e| format!("{}: {e}", path.display()))
}
