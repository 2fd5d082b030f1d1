use super::expand::{pairs, word, words};
use super::*;

fn one(text: &str) -> Instruction {
    let steps = parse(text, "Containerfile").unwrap();
    assert_eq!(steps.len(), 1, "{steps:?}");
    steps.into_iter().next().unwrap().instr
}

fn err(text: &str) -> String {
    parse(text, "Containerfile").unwrap_err().to_string()
}

#[test]
fn from_forms() {
    assert_eq!(
        one("FROM --platform=linux/amd64 alpine:3 AS Build"),
        Instruction::From {
            image: "alpine:3".into(),
            alias: Some("build".into()),
            platform: Some("linux/amd64".into()),
        }
    );
    assert_eq!(
        one("from scratch"),
        Instruction::From {
            image: "scratch".into(),
            alias: None,
            platform: None
        }
    );
    assert_eq!(
        err("FROM a b"),
        "Containerfile:1: FROM requires either one or three arguments"
    );
}

#[test]
fn run_cmd_entrypoint_shell_forms() {
    assert_eq!(
        one("RUN [\"echo\", \"a b\"]"),
        Instruction::Run {
            mounts: vec![],
            network: None,
            cmd: Command::Exec(vec!["echo".into(), "a b".into()])
        }
    );
    assert_eq!(
        one("RUN --mount=type=cache,target=/c --network=none echo hi"),
        Instruction::Run {
            mounts: vec!["type=cache,target=/c".into()],
            network: Some("none".into()),
            cmd: Command::Shell("echo hi".into())
        }
    );
    assert_eq!(
        one("CMD echo $HOME"),
        Instruction::Cmd(Command::Shell("echo $HOME".into()))
    );
    // Not valid JSON: the shell form, as Docker reads it.
    assert_eq!(
        one("ENTRYPOINT [not json]"),
        Instruction::Entrypoint(Command::Shell("[not json]".into()))
    );
    assert_eq!(
        one("SHELL [\"/bin/ash\", \"-ec\"]"),
        Instruction::Shell(vec!["/bin/ash".into(), "-ec".into()])
    );
    assert!(err("SHELL /bin/sh").contains("JSON form"));
}

#[test]
fn copy_and_add_flags_and_forms() {
    assert_eq!(
        one("COPY --from=build --chown=1:2 --chmod=0600 a b /dst/"),
        Instruction::Copy(CopyArgs {
            from: Some("build".into()),
            chown: Some("1:2".into()),
            chmod: Some("0600".into()),
            sources: vec!["a".into(), "b".into()],
            dest: "/dst/".into(),
        })
    );
    assert_eq!(
        one("ADD [\"a b\", \"/c\"]"),
        Instruction::Add(CopyArgs {
            sources: vec!["a b".into()],
            dest: "/c".into(),
            ..Default::default()
        })
    );
    assert_eq!(
        err("COPY a"),
        "Containerfile:1: COPY requires at least two arguments"
    );
    assert_eq!(
        err("ADD --from=x a b"),
        "Containerfile:1: unknown flag for ADD: --from"
    );
}

#[test]
fn config_instructions() {
    assert_eq!(
        one("ENV A=1 B=\"2 3\""),
        Instruction::Env("A=1 B=\"2 3\"".into())
    );
    assert_eq!(one("LABEL a=b"), Instruction::Label("a=b".into()));
    assert_eq!(one("ARG V=1"), Instruction::Arg("V=1".into()));
    assert_eq!(one("WORKDIR /w"), Instruction::Workdir("/w".into()));
    assert_eq!(one("USER 1000:1000"), Instruction::User("1000:1000".into()));
    assert_eq!(
        one("EXPOSE 80/tcp 53/udp"),
        Instruction::Expose("80/tcp 53/udp".into())
    );
    assert_eq!(
        one("VOLUME [\"/v\"]"),
        Instruction::Volume("[\"/v\"]".into())
    );
    assert_eq!(
        one("STOPSIGNAL SIGINT"),
        Instruction::StopSignal("SIGINT".into())
    );
    assert_eq!(one("MAINTAINER me"), Instruction::Maintainer("me".into()));
    assert_eq!(
        one("ONBUILD RUN true"),
        Instruction::Onbuild("RUN true".into())
    );
    assert!(err("ONBUILD FROM x").contains("isn't allowed as an ONBUILD trigger"));
    assert_eq!(
        one("HEALTHCHECK --interval=5s --retries=2 CMD [\"true\"]"),
        Instruction::Healthcheck(Health {
            interval: Some("5s".into()),
            retries: Some("2".into()),
            test: Some(Command::Exec(vec!["true".into()])),
            ..Default::default()
        })
    );
    assert_eq!(
        one("HEALTHCHECK NONE"),
        Instruction::Healthcheck(Health::default())
    );
    assert!(err("ENV A").contains("ENV must have two arguments"));
    assert!(err("LABEL a=b c").contains("can't find = in \"c\""));
}

#[test]
fn continuations_comments_and_the_escape_directive() {
    let s = parse(
        "FROM a\n\n# c\nRUN echo 1 \\\n  # inside\n  && echo 2\nCMD x\n",
        "F",
    )
    .unwrap();
    assert_eq!(s.len(), 3);
    assert_eq!(
        (s[1].line, s[1].text.as_str()),
        (4, "RUN echo 1   && echo 2")
    );
    assert_eq!(s[2].line, 7);
    let s = parse("# escape=`\nFROM a\nRUN dir c:\\ `\n  /w\n", "F").unwrap();
    assert_eq!(s[1].text, "RUN dir c:\\   /w");
}

#[test]
fn syntax_errors_name_the_line() {
    assert_eq!(
        err("FROM a\nRUN true\nFOO bar\n"),
        "Containerfile:3: unknown instruction: FOO"
    );
    assert_eq!(
        err("FROM a\nENV\n"),
        "Containerfile:2: ENV requires at least one argument"
    );
    assert!(err("FROM a\nENV A=\"x\n").starts_with("Containerfile:2: unexpected end"));
}

#[test]
fn variables_expand_as_docker_s() {
    let vars = |n: &str| match n {
        "A" => Some("1".to_string()),
        "E" => Some(String::new()),
        _ => None,
    };
    let w = |s: &str| word(s, '\\', &vars).unwrap();
    assert_eq!(w("$A-${A}"), "1-1");
    assert_eq!(w("${B:-d}|${A:-d}|${E:-d}|${E-d}"), "d|1|d|");
    assert_eq!(w("${A:+x}|${B:+x}|${E:+x}|${E+x}"), "x|||x");
    assert_eq!(w("'$A' \"$A\" \\$A"), "$A 1 $A");
    assert_eq!(w("a$"), "a$");
    assert_eq!(
        words("\"a b\" c$A", '\\', &vars).unwrap(),
        vec!["a b".to_string(), "c1".to_string()]
    );
    assert_eq!(
        pairs("K=$A L=\"x y\"", '\\', "ENV", &vars).unwrap(),
        vec![("K".into(), "1".into()), ("L".into(), "x y".into())]
    );
    assert_eq!(
        pairs("K some value", '\\', "ENV", &vars).unwrap(),
        vec![("K".into(), "some value".into())]
    );
    assert!(word("${A", '\\', &vars).is_err());
}
