//! `--userns`, `--uidmap` and `--gidmap`, parsed as podman parses them (cmd/podman's
//! mutual exclusion; pkg/util's ParseIDMap, GetAutoOptions and parseAutoIDMap), into what
//! the container's user namespace is to be. Allocating `auto`'s ranges needs the store and
//! is [`crate::container::userns`]'s.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

fn bad(msg: String) -> Error {
    Error::BadOption(msg)
}

/// One mapping: `size` ids from `container_id` inside are `host_id`.. outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdMapping {
    pub container_id: u32,
    pub host_id: u32,
    pub size: u32,
}

impl IdMapping {
    pub const fn new(container_id: u32, host_id: u32, size: u32) -> IdMapping {
        IdMapping {
            container_id,
            host_id,
            size,
        }
    }

    /// podman's inspect form, `CONTAINER:HOST:SIZE`.
    pub fn text(&self) -> String {
        format!("{}:{}:{}", self.container_id, self.host_id, self.size)
    }
}

/// The host id that container id `id` is under `maps`, if mapped.
pub fn to_host(maps: &[IdMapping], id: u32) -> Option<u32> {
    maps.iter()
        .find(|m| id >= m.container_id && id - m.container_id < m.size)
        .map(|m| m.host_id + (id - m.container_id))
}

/// A user namespace of the container's own, with both maps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdMappings {
    pub uid_map: Vec<IdMapping>,
    pub gid_map: Vec<IdMapping>,
}

/// What the container's user namespace is to be.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum UsernsPlan {
    /// The one ctl runs in (the host's as root, the user's rootless); root's `keep-id` too.
    #[default]
    Host,
    /// `--uidmap`/`--gidmap`: these maps.
    Maps(IdMappings),
    /// `--userns=auto`: ranges allocated from the `containers` user's subordinate ids when
    /// the container is made. `size: None`: from the image's users, as podman's.
    Auto {
        size: Option<u32>,
        extra: IdMappings,
    },
}

/// podman's idMapFlags.
#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    extends: bool,
    user: bool,
    group: bool,
}

/// Go's `%v` of a []string: `[a b c]`.
fn go_list(spec: &[&str]) -> String {
    format!("[{}]", spec.join(" "))
}

/// Go's `%q` of a []string: `["a" "b"]`.
fn go_quoted(spec: &[String]) -> String {
    let q: Vec<String> = spec.iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", q.join(" "))
}

/// strconv.ParseUint(v, 10, 32)'s error, as podman wraps it.
fn parse_u32(v: &str) -> std::result::Result<u32, String> {
    v.parse::<u32>().map_err(|e| {
        let why = match e.kind() {
            std::num::IntErrorKind::PosOverflow => "value out of range",
            _ => "invalid syntax",
        };
        format!("strconv.ParseUint: parsing {v:?}: {why}")
    })
}

fn parse_value(v: &str) -> Result<u32> {
    parse_u32(v).map_err(|e| bad(format!("parsing id map value {v:?}: {e}")))
}

/// podman's parseFlags: `+`, `u`, `g` before the container id.
fn parse_flags(spec: &[&str]) -> Result<(Flags, usize)> {
    let mut f = Flags::default();
    for (i, c) in spec[0].char_indices() {
        match c {
            '0'..='9' => return Ok((f, i)),
            '+' => f.extends = true,
            'u' => f.user = true,
            'g' => f.group = true,
            c => {
                return Err(bad(format!(
                    "invalid mapping: {}. Unknown flag {}",
                    go_list(spec),
                    c as u32
                )))
            }
        }
    }
    Err(bad(format!(
        "invalid mapping: {}, parsing flags",
        go_list(spec)
    )))
}

/// The parent namespace's id for `@ID`: as root, the host's ids are themselves.
fn parent_id(id: u64, parent: &[IdMapping], setting: &str) -> Result<u32> {
    parent
        .iter()
        .filter(|m| m.size > 0)
        .find(|m| id >= u64::from(m.host_id) && id < u64::from(m.host_id) + u64::from(m.size))
        .map(|m| m.container_id + (id - u64::from(m.host_id)) as u32)
        .ok_or_else(|| bad(format!("parent ID {setting} {id} is not mapped/delegated")))
}

/// podman's parseTriple (with flags) or parseAutoTriple (without).
fn parse_triple(
    spec: &[&str],
    parent: &[IdMapping],
    setting: &str,
    with_flags: bool,
) -> Result<(Vec<IdMapping>, Flags)> {
    if spec[0].is_empty() {
        return Err(bad(format!(
            "invalid empty container id at {setting} map: {}",
            go_list(spec)
        )));
    }
    let (mut flags, start) = match with_flags {
        true => parse_flags(spec)?,
        false => (Flags::default(), 0),
    };
    if !flags.user && !flags.group {
        flags.user = true;
        flags.group = true;
    }
    let cid = parse_u32(&spec[0][start..])
        .map_err(|e| bad(format!("parsing id map value {:?}: {e}", spec[0])))?;
    if spec[1].is_empty() {
        return Err(bad(format!(
            "invalid empty host id at {setting} map: {}",
            go_list(spec)
        )));
    }
    let (from_parent, hid) = match spec[1].strip_prefix('@') {
        Some(h) => (
            true,
            parse_u32(h).map_err(|e| bad(format!("parsing id map value {:?}: {e}", spec[1])))?,
        ),
        None => (false, parse_value(spec[1])?),
    };
    let size = parse_value(spec[2])?;
    let mut out = Vec::new();
    if from_parent {
        let applies =
            !with_flags || (setting == "UID" && flags.user) || (setting == "GID" && flags.group);
        if applies {
            for i in 0..size {
                let host = parent_id(u64::from(hid) + u64::from(i), parent, setting)?;
                out.push(IdMapping::new(cid.saturating_add(i), host, 1));
            }
        }
    } else {
        out.push(IdMapping::new(cid, hid, size));
    }
    Ok((out, flags))
}

/// podman's breakInsert: `ext` replaces whatever part of `map` it conflicts with, on
/// either side.
fn break_insert(map: Vec<IdMapping>, ext: IdMapping) -> Vec<IdMapping> {
    let mut out = Vec::new();
    for m in map {
        let (mc, mh, ms) = (m.container_id as i64, m.host_id as i64, m.size as i64);
        let span = |start: i64| {
            let (s, e) = (start, start + ext.size as i64);
            match e < 0 || s >= ms {
                true => None,
                false => Some((s.max(0), e.min(ms))),
            }
        };
        let mut r1 = span(ext.container_id as i64 - mc);
        let mut r2 = span(ext.host_id as i64 - mh);
        if r1.is_none() {
            (r1, r2) = (r2, None);
        }
        let Some(mut a) = r1 else {
            out.push(m);
            continue;
        };
        if let Some(mut b) = r2 {
            if b.0 < a.0 {
                std::mem::swap(&mut a, &mut b);
            }
            if a.1 >= b.0 {
                a.1 = a.1.max(b.1);
                r2 = None;
            } else {
                r2 = Some(b);
            }
        }
        let piece = |from: i64, len: i64| {
            IdMapping::new((mc + from) as u32, (mh + from) as u32, len as u32)
        };
        if a.0 > 0 {
            out.push(piece(0, a.0));
        }
        match r2 {
            None if ms - a.1 > 0 => out.push(piece(a.1, ms - a.1)),
            None => {}
            Some(b) => {
                out.push(piece(a.1, b.0 - a.1));
                if ms - b.1 > 0 {
                    out.push(piece(b.1, ms - b.1));
                }
            }
        }
    }
    out.push(ext);
    out
}

/// podman's sortAndMergeConsecutiveMappings.
fn sort_and_merge(mut map: Vec<IdMapping>) -> Vec<IdMapping> {
    map.sort_by_key(|m| m.container_id);
    let mut out: Vec<IdMapping> = Vec::new();
    for m in map {
        match out.last_mut() {
            Some(l)
                if l.container_id as u64 + l.size as u64 == m.container_id as u64
                    && l.host_id as u64 + l.size as u64 == m.host_id as u64 =>
            {
                l.size += m.size
            }
            _ => out.push(m),
        }
    }
    out
}

/// podman's ParseIDMap: `[+ug]CONTAINER:[@]HOST[:SIZE]`, repeatable; `setting` is UID or
/// GID. Rootless (where `+` alone fills the rest from the parent's ids) is refused before.
pub fn parse_id_map(
    specs: &[String],
    setting: &str,
    parent: &[IdMapping],
) -> Result<Vec<IdMapping>> {
    let malformed = || {
        bad(format!(
            "initializing ID mappings: {setting} setting is malformed expected \
             [\"[+ug]uint32:[@]uint32[:uint32]\"] : {}",
            go_quoted(specs)
        ))
    };
    let mut map = Vec::new();
    for s in specs.iter().filter(|s| !s.is_empty()) {
        let mut parts: Vec<&str> = s.split(':').collect();
        if parts.len() == 2 {
            parts.push("1");
        }
        if !parts.len().is_multiple_of(3) {
            return Err(malformed());
        }
        for triple in parts.chunks(3) {
            if triple[0].is_empty() {
                return Err(malformed());
            }
            let (maps, flags) = parse_triple(triple, parent, setting, true)?;
            let applies = match setting {
                "UID" => flags.user,
                _ => flags.group,
            };
            for m in maps.into_iter().filter(|m| applies && m.size > 0) {
                map = match flags.extends {
                    false => {
                        map.push(m);
                        map
                    }
                    true => break_insert(map, m),
                };
            }
        }
    }
    Ok(sort_and_merge(map))
}

/// podman's parseAutoIDMap: one `CONTAINER:[@]HOST[:SIZE]`, no flags.
fn parse_auto_id_map(spec: &str, setting: &str, parent: &[IdMapping]) -> Result<Vec<IdMapping>> {
    let mut parts: Vec<&str> = spec.split(':').collect();
    if parts.len() == 2 {
        parts.push("1");
    }
    if parts.len() != 3 {
        return Err(bad(format!(
            "initializing ID mappings: {setting} setting is malformed expected \
             [\"uint32:[@]uint32[:uint32]\"] : {spec:?}"
        )));
    }
    let (maps, _) = parse_triple(&parts, parent, setting, false)?;
    Ok(sort_and_merge(maps))
}

/// podman's GetAutoOptions: `auto[:size=N,uidmapping=..,gidmapping=..]`.
fn auto_options(opts: Option<&str>, parent: &[IdMapping]) -> Result<UsernsPlan> {
    let (mut size, mut extra) = (None, IdMappings::default());
    for o in opts.into_iter().flat_map(|o| o.split(',')) {
        let Some((key, val)) = o.split_once('=') else {
            return Err(bad(format!("invalid option specified: {o:?}")));
        };
        match key {
            "size" => size = Some(parse_u32(val).map_err(bad)?),
            "uidmapping" => extra.uid_map.extend(parse_auto_id_map(val, "UID", parent)?),
            "gidmapping" => extra.gid_map.extend(parse_auto_id_map(val, "GID", parent)?),
            _ => return Err(bad(format!("unknown option specified: {key:?}"))),
        }
    }
    // A size of 0 is podman's "not given".
    Ok(UsernsPlan::Auto {
        size: size.filter(|s| *s > 0),
        extra,
    })
}

/// podman's GetKeepIDOptions: `uid=`, `gid=` and (rootless only) `size=`.
fn keep_id_options(
    opts: Option<&str>,
    mut uid: u32,
    mut gid: u32,
    rootless: bool,
) -> Result<(u32, u32, Option<u32>)> {
    let mut size = None;
    for o in opts.into_iter().flat_map(|o| o.split(',')) {
        let (key, val) = o.split_once('=').unwrap_or((o, ""));
        match key {
            "uid" => uid = parse_u32(val).map_err(|e| bad(format!("parsing uid {val}: {e}")))?,
            "gid" => gid = parse_u32(val).map_err(|e| bad(format!("parsing gid {val}: {e}")))?,
            "size" if !rootless => {
                return Err(bad(
                    "--userns=keep-id:size is not supported when running as root".into(),
                ))
            }
            "size" => {
                size = Some(parse_u32(val).map_err(|e| bad(format!("parsing size {val}: {e}")))?)
            }
            _ => return Err(bad(format!("unknown option specified: {o:?}"))),
        }
    }
    Ok((uid, gid, size))
}

/// One id's map of podman's getRootlessKeepIDMapping, in the ids of the user's namespace
/// (0 the user, 1..=`subids` the subordinate ids): the user is container `id`, container
/// 0..id are 1..=id, and the ids above `id` are themselves, up to `subids` (or `size` - 1).
fn keep_id_map(id: u32, subids: u32, size: Option<u32>) -> Vec<IdMapping> {
    let max = match size {
        Some(s) => subids.min(s.saturating_sub(1)),
        None => subids,
    };
    let mut out = Vec::new();
    if subids > 0 && id != 0 && id.min(max) > 0 {
        out.push(IdMapping::new(0, 1, id.min(max)));
    }
    out.push(IdMapping::new(id, 0, 1));
    if max > id {
        out.push(IdMapping::new(id + 1, id + 1, max - id));
    }
    out
}

/// Rootless `keep-id`'s maps: the user is `uid`:`gid` in the container.
pub fn keep_id_maps(
    uid: u32,
    gid: u32,
    subids: (u32, u32),
    size: Option<u32>,
) -> Result<IdMappings> {
    if let Some(s) = size {
        let need = uid.max(gid).saturating_add(1);
        if s < need {
            return Err(bad(format!(
                "--userns=keep-id:size={s} is too small: the container's uid {uid} and gid \
                 {gid} need at least {need}"
            )));
        }
    }
    Ok(IdMappings {
        uid_map: keep_id_map(uid, subids.0, size),
        gid_map: keep_id_map(gid, subids.1, size),
    })
}

/// podman's GetNoMapMapping: the subordinate ids from container 0, the user's own unmapped.
pub fn nomap_maps(subids: (u32, u32)) -> Result<IdMappings> {
    if subids.0 == 0 || subids.1 == 0 {
        return Err(bad(
            "nomap requires additional UIDs or GIDs defined in /etc/subuid and /etc/subgid \
             to function correctly"
                .into(),
        ));
    }
    Ok(IdMappings {
        uid_map: vec![IdMapping::new(0, 1, subids.0)],
        gid_map: vec![IdMapping::new(0, 1, subids.1)],
    })
}

/// The host's own ids, root's parent mapping for `@ID`.
pub const HOST_IDS: [IdMapping; 1] = [IdMapping::new(0, 0, u32::MAX)];

/// What the flags ask for, with the user root's `keep-id` runs as.
pub struct Userns {
    pub plan: UsernsPlan,
    pub keep_id_user: Option<String>,
}

/// `--userns`, `--uidmap`, `--gidmap` as podman takes them. As root: host, keep-id (the
/// caller's ids, no new namespace), auto, and the maps. Rootless, the modes that need a
/// user namespace inside the user's are refused, saying so.
pub fn userns(
    mode: Option<&str>,
    uidmap: &[String],
    gidmap: &[String],
    rootless: bool,
    uid: u32,
    gid: u32,
    subids: (u32, u32),
) -> Result<Userns> {
    let host = |keep_id_user| Userns {
        plan: UsernsPlan::Host,
        keep_id_user,
    };
    if mode.is_some() && !(uidmap.is_empty() && gidmap.is_empty()) {
        return Err(Error::BadOption(
            "--userns and --uidmap/--gidmap/--subuidname/--subgidname are mutually exclusive"
                .into(),
        ));
    }
    if !uidmap.is_empty() || !gidmap.is_empty() {
        if rootless {
            return Err(bad(
                "--uidmap/--gidmap are not supported by ctl yet when rootless".into(),
            ));
        }
        // As podman: one of them given applies to both.
        let (u, g) = match (uidmap.is_empty(), gidmap.is_empty()) {
            (false, true) => (uidmap, uidmap),
            (true, false) => (gidmap, gidmap),
            _ => (uidmap, gidmap),
        };
        let maps = IdMappings {
            uid_map: parse_id_map(u, "UID", &HOST_IDS)?,
            gid_map: parse_id_map(g, "GID", &HOST_IDS)?,
        };
        if maps.uid_map.is_empty() || maps.gid_map.is_empty() {
            return Ok(host(None));
        }
        return Ok(Userns {
            plan: UsernsPlan::Maps(maps),
            keep_id_user: None,
        });
    }
    let Some(v) = mode else { return Ok(host(None)) };
    let (m, opts) = match v.split_once(':') {
        Some((m, o)) => (m, Some(o)),
        None => (v, None),
    };
    match (m, rootless) {
        ("" | "host", _) => Ok(host(None)),
        ("keep-id", false) => {
            let (u, g, _) = keep_id_options(opts, uid, gid, false)?;
            Ok(host(Some(format!("{u}:{g}"))))
        }
        ("keep-id", true) => {
            let (u, g, size) = keep_id_options(opts, uid, gid, true)?;
            Ok(Userns {
                plan: UsernsPlan::Maps(keep_id_maps(u, g, subids, size)?),
                keep_id_user: Some(format!("{u}:{g}")),
            })
        }
        ("nomap", false) => Err(bad("nomap is only supported in rootless mode".into())),
        ("nomap", true) => match opts {
            Some(_) => Err(bad(format!("unrecognized namespace mode {v} passed"))),
            None => Ok(Userns {
                plan: UsernsPlan::Maps(nomap_maps(subids)?),
                keep_id_user: None,
            }),
        },
        ("auto", false) => Ok(Userns {
            plan: auto_options(opts, &HOST_IDS)?,
            keep_id_user: None,
        }),
        ("auto" | "ns" | "container" | "private", _) => Err(bad(format!(
            "--userns={v} is not supported by ctl yet: use --userns=host{}",
            if rootless {
                ", keep-id or nomap"
            } else {
                ", keep-id, auto or --uidmap"
            }
        ))),
        _ => Err(bad(format!("unrecognized namespace mode {v} passed"))),
    }
}
