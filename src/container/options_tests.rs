//! Unit tests of options.rs: each flag's parser, accepted and refused input.

use super::*;

fn bind(src: &str, dst: &str, ro: bool, opts: &[&str]) -> Mount {
    let options = opts.iter().map(|s| s.to_string()).collect();
    Mount::Bind {
        source: src.into(),
        destination: dst.into(),
        readonly: ro,
        options,
    }
}

/// The error quotes `value` (when `quoted`) and says `why`.
fn rejects<T: std::fmt::Debug>(r: Result<T, OptionError>, value: &str, why: &str) {
    let e = r.unwrap_err().to_string();
    assert!(
        e.contains(&format!("\"{value}\"")) && e.contains(why),
        "{value}: {e}"
    );
}

#[test]
fn volumes() {
    let v = |s: &str| parse_volume(s).unwrap();
    assert_eq!(v("/h:/c"), bind("/h", "/c", false, &[]));
    assert_eq!(v("/h:/c/:ro"), bind("/h", "/c", true, &[]));
    assert_eq!(v("/h:/c//x/../y:rw,Z"), bind("/h", "/c/y", false, &[]));
    let all = bind("/h", "/c", false, &["nosuid", "bind", "rshared"]);
    assert_eq!(v("/h:/c:nosuid,bind,rshared,z"), all);
    let vol = |name: &str, dst: &str, ro: bool, nocopy: bool| Mount::Volume {
        name: name.into(),
        anonymous: name.is_empty(),
        source: None,
        destination: dst.into(),
        readonly: ro,
        nocopy,
        options: vec![],
    };
    assert_eq!(v("/c/"), vol("", "/c", false, false));
    assert_eq!(v("data:/c"), vol("data", "/c", false, false));
    assert_eq!(
        v("d.1_x-y:/c:ro,nocopy,z"),
        vol("d.1_x-y", "/c", true, true)
    );
    let m = |s: &str| parse_mount(s).unwrap();
    assert_eq!(m("type=volume,src=v,dst=/c"), vol("v", "/c", false, false));
    assert_eq!(
        m("type=volume,target=/c,ro,volume-nocopy"),
        vol("", "/c", true, true)
    );
    for (bad, why) in [
        ("type=volume,src=/h,dst=/c", "not a volume name"),
        (
            "type=volume,src=v,dst=/c,volume-opt=x=y",
            "not supported yet",
        ),
        ("type=bind,src=/h,dst=/c,volume-nocopy", "need type=volume"),
        ("type=volume,src=v,dst=/c,idmap", "not supported yet"),
    ] {
        rejects(parse_mount(bad), bad, why);
    }
    for (bad, why) in [
        ("c", "not absolute"),
        ("-x:/c", "names must match"),
        ("v:/c:U", "\"U\" is not supported yet"),
        ("/h:/c:O", "\"O\" is not supported yet"),
        ("v:/c:idmap=uids=0-1-2", "\"idmap\" is not supported yet"),
        (":/c", "empty source"),
        ("/h:c", "not absolute"),
        ("/h:/", "cannot be \"/\""),
        ("/h:/..", "cannot be \"/\""),
        ("/h:/c:ro,rw", "given twice"),
        ("/h:/c:private,shared", "given twice"),
        ("/h:/c:bogus", "unknown option \"bogus\""),
        ("/h:/c:ro,", "empty option"),
        ("/h:/c:ro:x", "too many colons"),
    ] {
        rejects(parse_volume(bad), bad, why);
    }
}

#[test]
fn mounts() {
    let m = |s: &str| parse_mount(s).unwrap();
    assert_eq!(
        m("type=bind,source=/h,target=/c"),
        bind("/h", "/c", false, &[])
    );
    let ro_slave = bind("/h", "/c", true, &["rslave"]);
    assert_eq!(
        m("type=bind,src=/h,dst=/c,readonly,bind-propagation=rslave"),
        ro_slave
    );
    let nonrec = bind("/h", "/c", false, &["bind"]);
    assert_eq!(
        m("Type=bind,src=/h,destination=/c,ro=false,bind-nonrecursive"),
        nonrec
    );
    let options = ["noexec", "nosuid", "nodev", "size=67108864", "mode=1770"].map(String::from);
    let tmpfs = Mount::Tmpfs {
        destination: "/t".into(),
        options: options.to_vec(),
    };
    assert_eq!(
        m("type=tmpfs,target=/t,tmpfs-size=64m,tmpfs-mode=1770"),
        tmpfs
    );
    assert!(m("type=tmpfs,dst=/t,readonly=1").readonly());
    for (bad, why) in [
        ("source=/h,target=/c", "type is required"),
        ("type=bind,src=/h", "target is required"),
        ("type=bind,src=,dst=/c", "host directory cannot be empty"),
        ("type=bind,src=/h,dst=/c,tmpfs-size=1m", "need type=tmpfs"),
        ("type=tmpfs,src=/h,dst=/c", "no source"),
        ("type=tmpfs,dst=/c,tmpfs-mode=999", "octal"),
        ("type=bind,src=/h,dst=/c,readonly=maybe", "not a boolean"),
        (
            "type=bind,src=/h,dst=/c,bind-propagation=odd",
            "unknown bind-propagation",
        ),
        (
            "type=bind,src=/h,dst=/c,colour=red",
            "unknown key \"colour=red\"",
        ),
        ("type=bind,src,dst=/c", "key=value"),
        ("type=npipe,dst=/c", "unsupported type"),
    ] {
        rejects(parse_mount(bad), bad, why);
    }
    rejects(
        parse_mount("type=tmpfs,dst=/c,tmpfs-size=lots"),
        "lots",
        "invalid size",
    );
}

#[test]
fn tmpfs_flag() {
    let opts = |s: &str| match parse_tmpfs(s).unwrap() {
        Mount::Tmpfs { options, .. } => options,
        m => panic!("{m:?}"),
    };
    assert_eq!(opts("/run"), ["noexec", "nosuid", "nodev"]);
    let merged = ["nosuid", "nodev", "exec", "mode=1777", "size=2m"];
    assert_eq!(opts("/run:exec,size=1m,mode=1777,size=2m"), merged);
    assert_eq!(
        parse_tmpfs("/a/b/").unwrap().destination(),
        Path::new("/a/b")
    );
    rejects(parse_tmpfs("run"), "run", "not absolute");
    rejects(
        parse_tmpfs("/run:bogus"),
        "/run:bogus",
        "unknown option \"bogus\"",
    );
    rejects(
        parse_tmpfs("/run:size"),
        "/run:size",
        "unknown option \"size\"",
    );
}

#[test]
fn env_flags_and_files() {
    let look = |k: &str| (k == "HOME").then(|| "/root".to_string());
    let e = |s: &str| parse_env(s, look).unwrap();
    assert_eq!(e("A=1=2").as_deref(), Some("A=1=2"));
    assert_eq!(e("A=").as_deref(), Some("A="));
    assert_eq!(e("HOME").as_deref(), Some("HOME=/root"));
    assert_eq!(e("UNSET"), None);
    rejects(parse_env("=x", look), "=x", "empty name");
    rejects(parse_env("", look), "", "empty name");

    let text = "\u{feff}# comment\n\n  A=1\nB= spaced \nHOME\nUNSET\r\n  \t\nC=\"q\"\r\n";
    let want = ["A=1", "B= spaced ", "HOME=/root", "C=\"q\""];
    assert_eq!(parse_env_file(text, look).unwrap(), want);
    rejects(
        parse_env_file("A=1\nBAD KEY=1\n", look),
        "BAD KEY=1",
        "line 2",
    );
    rejects(parse_env_file("=1", look), "=1", "no variable name");
    rejects(parse_env_file("A B", look), "A B", "whitespace");
}

#[test]
fn signals() {
    let table = "SIGTERM=15 TERM=15 term=15 sigkill=9 15=15 HUP=1 IOT=6 WINCH=28 RTMIN=34 \
        SIGRTMIN+3=37 RTMAX-1=63 RTMAX=64 64=64";
    for (s, n) in table.split_whitespace().filter_map(|e| e.rsplit_once('=')) {
        assert_eq!(parse_signal(s).unwrap().to_string(), n, "{s}");
    }
    for bad in [
        "0", "65", "-1", "", "SIGFOO", "RTMIN+40", "RTMAX+1", "RTMIN-1",
    ] {
        rejects(parse_signal(bad), bad, "signal");
    }
}

#[test]
fn labels() {
    let m = parse_labels(&["a=1", "b", "a=2", "c=x=y"]).unwrap();
    assert_eq!(
        (m["a"].as_str(), m["b"].as_str(), m["c"].as_str()),
        ("2", "", "x=y")
    );
    rejects(parse_label("=v"), "=v", "empty key");
}

#[test]
fn sizes() {
    let table = "512=512 512b=512 10k=10240 10K=10240 10m=10485760 10MB=10485760 \
        10MiB=10485760 1.5g=1610612736 1t=1099511627776";
    for (s, n) in table.split_whitespace().filter_map(|e| e.rsplit_once('=')) {
        assert_eq!(parse_size(s).unwrap().to_string(), n, "{s}");
    }
    assert_eq!(parse_size("2 GB").unwrap(), 2 << 30);
    for bad in ["", "m", "-1", "10x", "1.m", "10kk", "1e3", "99999999999p"] {
        rejects(parse_size(bad), bad, "invalid size");
    }
}

#[test]
fn error_texts() {
    assert_eq!(
        invalid("volume", "x", "why").to_string(),
        "invalid volume \"x\": why"
    );
    let nf = |file_exists| {
        let name = "bob".into();
        OptionError::NotFound {
            kind: "user",
            name,
            file: "/etc/passwd",
            file_exists,
        }
    };
    let want = "unable to find user bob: no matching entries in the image's /etc/passwd";
    assert_eq!(nf(true).to_string(), want);
    assert_eq!(
        nf(false).to_string(),
        "unable to find user bob: the image has no /etc/passwd"
    );
}
