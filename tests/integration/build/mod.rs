//! `ctl build`: multi-stage builds run for real (RUN in containers through runc and
//! overlay, the base image pulled from the loopback registry), the built image run and
//! inspected, the cache, and the faults (syntax, failing RUN, sources outside the context,
//! ignored files) in podman-build(1)'s terms.

mod cache;
mod faults;
mod options;

use std::path::Path;

use crate::common::{Image, WithImage};

/// A context directory holding `files` (path, contents).
pub fn context(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("ctl-build-")
        .tempdir()
        .expect("temp dir");
    for (p, text) in files {
        write(dir.path(), p, text);
    }
    dir
}

pub fn write(root: &Path, p: &str, text: &str) {
    let path = root.join(p);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

pub fn base() -> WithImage {
    WithImage::pulled(Image::base(), "fixtures/build:latest")
}

/// `ctl build` with the base image's reference as the BASE build arg.
pub fn build(w: &WithImage, ctx: &Path, extra: &[&str]) -> crate::common::Out {
    let arg = format!("BASE={}", w.reference);
    let mut args = vec!["build", "--build-arg", &arg];
    args.extend_from_slice(extra);
    let c = ctx.to_str().unwrap();
    args.push(c);
    w.ctl.run(&args)
}

const MULTI: &str = r#"# a two-stage build
ARG BASE
FROM $BASE AS builder
ARG MSG=default
RUN echo "built: $MSG" > /built.txt && \
    echo run-output
COPY src/ /src/
FROM ${BASE}
ENV GREETING="hello there"
COPY --from=builder /built.txt /out/
COPY --chown=user:user --chmod=0640 src/a.txt /home/user/
ADD files.tar /unpacked/
COPY src/*.c /csrc/
USER user
WORKDIR /home/user
VOLUME /data
EXPOSE 8080
LABEL stage=final
STOPSIGNAL SIGINT
HEALTHCHECK --interval=30s --retries=2 CMD test -f /out/built.txt
CMD ["cat", "/out/built.txt"]
"#;

fn tar_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (p, data) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, p, *data).unwrap();
    }
    b.into_inner().unwrap()
}

#[test]
fn a_multi_stage_build_runs_and_its_image_has_the_config() {
    let w = base();
    let ctx = context(&[
        ("Containerfile", MULTI),
        ("src/a.txt", "file a\n"),
        ("src/x.c", "int x;\n"),
        ("src/y.c", "int y;\n"),
        ("src/z.h", "no\n"),
    ]);
    std::fs::write(
        ctx.path().join("files.tar"),
        tar_of(&[("dir/in-tar.txt", b"from the tar\n")]),
    )
    .unwrap();
    let out = build(&w, ctx.path(), &["-t", "built", "--build-arg", "MSG=yes"]);
    out.success();
    let lines = out.lines();
    assert!(
        lines.contains(&"[1/2] STEP 1/4: FROM $BASE AS builder"),
        "{out}"
    );
    assert!(
        lines.contains(&"run-output"),
        "RUN's output is shown\n{out}"
    );
    assert!(lines.contains(&"COMMIT built"), "{out}");
    assert!(
        lines.contains(&"Successfully tagged localhost/built:latest"),
        "{out}"
    );
    let id = lines.last().unwrap().to_string();
    assert_eq!(id.len(), 64, "{out}");

    // The build is an image event; its RUN containers make none.
    let ev = w.ctl.ok(&["events", "--stream=false"]);
    assert!(ev.stdout.contains(&format!("image build {id}")), "{ev}");
    assert!(!ev.stdout.contains("container"), "{ev}");

    let run = w.ctl.ok(&["run", "--rm", "built"]);
    assert_eq!(run.stdout, "built: yes\n");
    let run = w.ctl.ok(&[
        "run",
        "--rm",
        "built",
        "sh",
        "-c",
        "id -u; pwd; echo $GREETING; stat -c '%u:%g %a' a.txt; cat /unpacked/dir/in-tar.txt; \
         ls /csrc; test -e /src || echo no-src",
    ]);
    assert_eq!(
        run.stdout,
        "1000\n/home/user\nhello there\n1000:1000 640\nfrom the tar\nx.c\ny.c\nno-src\n",
        "{run}"
    );

    let i = w.ctl.inspect("built");
    assert_eq!(i["Id"], id.as_str());
    let c = &i["Config"];
    assert_eq!(c["User"], "user");
    assert_eq!(c["WorkingDir"], "/home/user");
    assert_eq!(c["Cmd"], serde_json::json!(["cat", "/out/built.txt"]));
    assert!(c["Volumes"].get("/data").is_some(), "{c}");
    assert!(c["ExposedPorts"].get("8080/tcp").is_some(), "{c}");
    assert_eq!(c["Labels"]["stage"], "final");
    assert_eq!(c["StopSignal"], "SIGINT");
    assert!(c["Env"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e == "GREETING=hello there"));
    let h = &c["Healthcheck"];
    assert_eq!(
        h["Test"],
        serde_json::json!(["CMD-SHELL", "test -f /out/built.txt"])
    );
    assert_eq!(
        (h["Interval"].as_u64(), h["Retries"].as_u64()),
        (Some(30_000_000_000), Some(2))
    );
    // One history entry per step of the final stage on top of the base's; the config
    // steps are empty layers.
    let history = i["History"].as_array().unwrap();
    let nop: Vec<_> = history
        .iter()
        .filter(|e| {
            e["created_by"]
                .as_str()
                .unwrap_or("")
                .contains("#(nop) USER user")
        })
        .collect();
    assert_eq!(nop.len(), 1, "{history:?}");
    assert_eq!(nop[0]["empty_layer"], true);
    // The base layer plus COPY, COPY, ADD, COPY.
    assert_eq!(i["RootFS"]["Layers"].as_array().unwrap().len(), 5, "{i}");

    // The build's RUN containers are gone.
    assert_eq!(w.ctl.ok(&["ps", "-aq"]).stdout, "");

    // `image build`, `buildx build`, -q and --iidfile: the id alone.
    let iid = ctx.path().join("iid");
    let iid_s = iid.to_str().unwrap().to_string();
    for verb in [&["image", "build"][..], &["buildx", "build"][..]] {
        let arg = format!("BASE={}", w.reference);
        let mut a = verb.to_vec();
        a.extend([
            "-q",
            "--build-arg",
            &arg,
            "--build-arg",
            "MSG=yes",
            "--iidfile",
            &iid_s,
        ]);
        a.push(ctx.path().to_str().unwrap());
        let q = w.ctl.ok(&a);
        assert_eq!(q.stdout.trim().len(), 64, "{q}");
        assert_eq!(
            std::fs::read_to_string(&iid).unwrap(),
            format!("sha256:{}", q.stdout.trim())
        );
    }
    w.ctl.ok(&["rmi", "built"]);
}

#[test]
fn the_target_stage_alone_is_built_and_stdin_is_a_containerfile() {
    let w = base();
    let ctx = context(&[("f.txt", "f\n")]);
    let file = "ARG BASE\nFROM $BASE AS one\nRUN echo one-ran\nFROM $BASE AS two\n\
                COPY f.txt /\nRUN echo two-ran\n";
    let arg = format!("BASE={}", w.reference);
    let out = w.ctl.run_with_stdin(
        &[
            "build",
            "-f",
            "-",
            "--build-arg",
            &arg,
            "--target",
            "two",
            ctx.path().to_str().unwrap(),
        ],
        Some(file),
    );
    out.success();
    assert!(out.stdout.contains("two-ran"), "{out}");
    assert!(
        !out.stdout.contains("one-ran"),
        "stage one is not needed\n{out}"
    );
    let bad = w.ctl.run_with_stdin(
        &[
            "build",
            "-f",
            "-",
            "--target",
            "three",
            ctx.path().to_str().unwrap(),
        ],
        Some(file),
    );
    bad.failure(125);
    assert!(bad.stderr.contains("\"three\" was not found"), "{bad}");
}
