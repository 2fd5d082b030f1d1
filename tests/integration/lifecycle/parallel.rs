//! Many `ctl` at once: no global lock to queue behind, one winner per name, consistent state.

use std::time::{Duration, Instant};

use super::*;

#[test]
fn thirty_two_parallel_runs_all_succeed() {
    let w = setup();
    let names: Vec<String> = (0..32).map(|i| format!("par{i}")).collect();
    let start = Instant::now();
    let children: Vec<_> = names
        .iter()
        .map(|n| {
            let args = run_args(&w, "-d", &["--name", n], &["sleep", "1000"]);
            (n.clone(), w.ctl.spawn(&args))
        })
        .collect();
    let mut ids = Vec::new();
    for (n, child) in children {
        let out = Out::wait(&["run", "-d", "--name", &n], child);
        out.success();
        let id = out.stdout.trim().to_string();
        assert!(is_full_id(&id), "{out}");
        ids.push(id);
    }
    let took = start.elapsed();
    let ps = w.ctl.ok(&["ps", "--format", "{{.Names}} {{.State}}"]);
    assert_eq!(ps.stderr, "");
    let mut rows: Vec<&str> = ps.lines();
    rows.sort();
    let mut want: Vec<String> = names.iter().map(|n| format!("{n} running")).collect();
    want.sort();
    assert_eq!(rows, want);
    let mut listed = runc_list(&w);
    listed.sort();
    ids.sort();
    assert_eq!(listed, ids);
    eprintln!("32 parallel run -d: {took:?}");

    let out = w.ctl.ok(&["rm", "-f", "--all"]);
    assert_eq!(out.lines().len(), 32);
    assert_all_gone(&w);
}

#[test]
fn one_name_eight_creators_one_winner() {
    let w = setup();
    for round in 0..2 {
        let children: Vec<_> = (0..8)
            .map(|_| {
                let args = run_args(&w, "-d", &["--name", "x"], &["sleep", "1000"]);
                w.ctl.spawn(&args)
            })
            .collect();
        let outs: Vec<Out> = children
            .into_iter()
            .map(|c| Out::wait(&["run", "-d", "--name", "x"], c))
            .collect();
        let winners: Vec<&Out> = outs.iter().filter(|o| o.code == Some(0)).collect();
        assert_eq!(winners.len(), 1, "round {round}: {outs:#?}");
        let id = winners[0].stdout.trim().to_string();
        assert!(is_full_id(&id));
        for o in outs.iter().filter(|o| o.code != Some(0)) {
            o.failure(125);
            assert_eq!(
                o.one_line_error(),
                format!("Error: name \"x\" is already in use by {id}")
            );
            assert_eq!(o.stdout, "");
        }
        // Nothing of the losers is left.
        assert_eq!(all_ids(&w), std::slice::from_ref(&id));
        assert_eq!(list(&w.ctl.root.join("containers")).len(), 1);
        assert_eq!(runc_list(&w), std::slice::from_ref(&id));
        let mounts: Vec<_> = crate::common::ctl::mounts_under(&w.ctl.root.join("containers"));
        assert_eq!(mounts.len(), 1, "{mounts:?}");
        assert_eq!(
            procs_of(&w)
                .iter()
                .filter(|(_, c)| c.contains("ctl-monitor"))
                .count(),
            1
        );
        w.ctl.ok(&["rm", "-f", "x"]);
        assert_all_gone(&w);
    }
}

#[test]
fn concurrent_commands_keep_state_consistent() {
    let w = setup();
    let names: Vec<String> = (0..6).map(|i| format!("busy{i}")).collect();
    for n in &names {
        run_d(&w, &["--name", n], &["sh", "-c", HONORS_TERM]);
    }
    for n in &names {
        wait_log(&w, n, "ready");
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    std::thread::scope(|s| {
        // Stop the first half, one thread each.
        for n in &names[..3] {
            let w = &w;
            s.spawn(move || {
                w.ctl.ok(&["stop", n]).stdout_has(n);
            });
        }
        // Readers while that happens: never a warning or a failure.
        for _ in 0..2 {
            let w = &w;
            s.spawn(move || {
                for _ in 0..10 {
                    let ps = w.ctl.ok(&["ps", "-a", "--format", "{{.Names}} {{.State}}"]);
                    assert_eq!(ps.stderr, "", "{ps}");
                    let n = ps.lines().len();
                    assert!((6..=8).contains(&n), "{ps}");
                    assert!(Instant::now() < deadline);
                }
            });
        }
        for n in &names[3..] {
            let w = &w;
            s.spawn(move || {
                for _ in 0..5 {
                    assert_eq!(status(w, n), "running");
                }
            });
        }
        // And new containers meanwhile.
        for i in 0..2 {
            let w = &w;
            s.spawn(move || {
                let n = format!("late{i}");
                run_d(w, &["--name", &n], &["sh", "-c", "exit 0"]);
            });
        }
    });
    for n in &names[..3] {
        assert_eq!(
            field(&w, n, "{{.State.Status}} {{.State.ExitCode}}"),
            "exited 0",
            "{n}"
        );
    }
    for n in &names[3..] {
        assert_eq!(status(&w, n), "running");
        let pid: i32 = field(&w, n, "{{.State.Pid}}").parse().unwrap();
        assert!(alive(pid));
    }
    for i in 0..2 {
        assert_eq!(w.ctl.ok(&["wait", &format!("late{i}")]).stdout, "0\n");
    }
    // Parallel removal of all of them, from several processes.
    std::thread::scope(|s| {
        for chunk in names.chunks(2) {
            let w = &w;
            s.spawn(move || {
                let mut args = vec!["rm", "-f"];
                args.extend(chunk.iter().map(String::as_str));
                w.ctl.ok(&args);
            });
        }
    });
    w.ctl.ok(&["rm", "late0", "late1"]);
    assert_all_gone(&w);
}
