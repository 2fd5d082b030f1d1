//! A pod's unit, as `podman generate systemd POD` writes it. The pod's unit runs its infra
//! (`Type=forking`, systemd follows the infra's monitor); it `Wants=` and comes `Before=`
//! its members' units, which are container units `BindsTo=` and `After=` it: starting the
//! pod's unit starts them all, stopping it stops the members first.
//!
//! With `--new`, ExecStartPre makes the pod (`pod create --infra-conmon-pidfile
//! %t/NAME.pid --pod-id-file %t/NAME.pod-id --exit-policy=stop ... --replace`), the
//! members run `--pod-id-file` that file, and ExecStopPost removes the pod.

use std::fmt::Write as _;

use super::{exec, header_and_unit, install, lit, quote, service_common, unit, Group};
use super::{Arg, UnitSettings};

/// `%t/SERVICE.pod-id`: the pod's id file, which `--new` members join by.
pub fn pod_id_file(service: &str) -> String {
    format!("%t/{service}.pod-id")
}

/// `%t/SERVICE.pid`: the infra's monitor pid of a `--new` pod.
pub fn pid_file(service: &str) -> String {
    format!("%t/{service}.pid")
}

/// The unit of an existing pod: starts and stops its infra container `infra`, whose
/// monitor writes `monitor_pidfile`.
pub fn existing_pod_unit(s: &UnitSettings, infra: &str, monitor_pidfile: &str) -> String {
    super::existing_unit(s, infra, monitor_pidfile)
}

/// The unit of a pod made when it starts and removed when it stops. `service`: the unit's
/// name without `.service`; `create_args`: `pod create`'s own options (without
/// --pod-id-file, --infra-conmon-pidfile, --replace: the unit sets those), `exit_policy`:
/// whether they name one (else the unit's pod stops with its last member, as podman's).
pub fn new_pod_unit(
    s: &UnitSettings,
    service: &str,
    create_args: &[Group],
    has_exit_policy: bool,
) -> String {
    let idfile = unit(&pod_id_file(service));
    let pidfile = pid_file(service);
    let t = s.stop_timeout.to_string();
    let mut create: Vec<Group> = vec![
        vec![lit("--infra-conmon-pidfile"), unit(&pidfile)],
        vec![lit("--pod-id-file"), idfile.clone()],
    ];
    if !has_exit_policy {
        create.push(vec![lit("--exit-policy=stop")]);
    }
    create.extend(create_args.iter().cloned());
    create.push(vec![lit("--replace")]);
    let by_file = |extra: &[Arg]| -> Vec<Group> {
        let mut g = extra.to_vec();
        g.extend([lit("--pod-id-file"), idfile.clone()]);
        vec![g]
    };
    let mut out = header_and_unit(s);
    out.push_str(&service_common(s));
    let _ = writeln!(out, "ExecStartPre={}", exec(s, "pod create", &create));
    let _ = writeln!(out, "ExecStart={}", exec(s, "pod start", &by_file(&[])));
    let mut stop = by_file(&[lit("--ignore")]);
    stop[0].extend([lit("-t"), lit(&t)]);
    let _ = writeln!(out, "ExecStop={}", exec(s, "pod stop", &stop));
    let rm = by_file(&[lit("--ignore"), lit("-f")]);
    let _ = writeln!(out, "ExecStopPost={}", exec(s, "pod rm", &rm));
    let _ = writeln!(out, "PIDFile={}", quote(&pidfile, false));
    out.push_str("Type=forking\n");
    for l in &s.extra_service {
        let _ = writeln!(out, "{l}");
    }
    out.push_str(&install(s));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> UnitSettings {
        UnitSettings {
            unit_name: "pod-web.service".into(),
            ctl: "/usr/bin/ctl".into(),
            stop_timeout: 10,
            members: vec!["container-a.service".into(), "container-b.service".into()],
            ..Default::default()
        }
    }

    #[test]
    fn existing_pod_unit_runs_the_infra_before_its_members() {
        let u = existing_pod_unit(
            &settings(),
            "web-infra",
            "/run/ctl/containers/i/monitor.pid",
        );
        for want in [
            "# pod-web.service\n",
            "Wants=container-a.service container-b.service\n\
             Before=container-a.service container-b.service\n",
            "ExecStart=/usr/bin/ctl start \\\n\tweb-infra\n",
            "ExecStop=/usr/bin/ctl stop \\\n\t-t 10 web-infra\n",
            "PIDFile=/run/ctl/containers/i/monitor.pid\nType=forking\n",
        ] {
            assert!(u.contains(want), "missing {want:?} in\n{u}");
        }
    }

    #[test]
    fn new_pod_unit_makes_and_removes_the_pod() {
        let args = [
            vec![lit("--name"), lit("web")],
            vec![lit("-p"), lit("8080:80")],
        ];
        let u = new_pod_unit(&settings(), "pod-web", &args, false);
        for want in [
            "ExecStartPre=/usr/bin/ctl pod create \\\n\t\
             --infra-conmon-pidfile %t/pod-web.pid \\\n\t\
             --pod-id-file %t/pod-web.pod-id \\\n\t--exit-policy=stop \\\n\t\
             --name web \\\n\t-p 8080:80 \\\n\t--replace\n",
            "ExecStart=/usr/bin/ctl pod start \\\n\t--pod-id-file %t/pod-web.pod-id\n",
            "ExecStop=/usr/bin/ctl pod stop \\\n\t--ignore --pod-id-file %t/pod-web.pod-id \
             -t 10\n",
            "ExecStopPost=/usr/bin/ctl pod rm \\\n\t--ignore -f --pod-id-file \
             %t/pod-web.pod-id\n",
            "PIDFile=%t/pod-web.pid\nType=forking\n",
        ] {
            assert!(u.contains(want), "missing {want:?} in\n{u}");
        }
        let kept = new_pod_unit(&settings(), "pod-web", &args, true);
        assert!(!kept.contains("--exit-policy=stop"), "{kept}");
    }

    #[test]
    fn member_units_bind_to_the_pod() {
        let s = UnitSettings {
            unit_name: "container-a.service".into(),
            ctl: "/usr/bin/ctl".into(),
            binds_to: vec!["pod-web.service".into()],
            ..Default::default()
        };
        let u = super::super::existing_unit(&s, "a", "/p");
        assert!(
            u.contains("BindsTo=pod-web.service\nAfter=pod-web.service\n"),
            "{u}"
        );
    }
}
