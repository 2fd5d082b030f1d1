//! `top`'s fallback, as podman's: when a word is not a format descriptor, ps(1) runs in the
//! container with the words as its options, and its lines are the answer (less the line
//! of ps itself).

use std::process::Stdio;

use crate::container::exec::{exec_status, ExecOptions};
use crate::container::lifecycle::{Container, Manager};
use crate::error::{Error, Result};

/// ps(1)'s argv for `top`'s words: a single word is split at blanks (podman splits it as
/// a shell would), several are passed as they are.
pub fn ps_argv(words: &[String]) -> Vec<String> {
    let opts: Vec<String> = match words {
        [one] => one.split_whitespace().map(str::to_string).collect(),
        many => many.to_vec(),
    };
    std::iter::once("ps".to_string()).chain(opts).collect()
}

/// ps's output without the line of ps itself (podman's trick: the line holding the words).
pub fn without_ps(output: &str, words: &[String]) -> Vec<String> {
    let own = words.join(" ");
    output
        .lines()
        .filter(|l| !l.contains(&own))
        .map(str::to_string)
        .collect()
}

fn failed(message: String) -> Error {
    Error::Command {
        code: 125,
        message: format!("executing ps(1) in container: {message}"),
    }
}

impl Manager {
    /// Runs ps(1) with `words` in the running container `c`; its output's lines.
    pub fn top_ps(&self, c: &Container, words: &[String]) -> Result<Vec<String>> {
        let o = ExecOptions {
            command: ps_argv(words),
            ..Default::default()
        };
        let (mut cmd, log) = self.exec_command(c, &o)?;
        let out = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .map_err(|e| failed(e.to_string()))?;
        match exec_status(out.status.code(), &log) {
            Err(e) => return Err(failed(e.to_string())),
            Ok(0) => {}
            Ok(code) => {
                return Err(failed(format!(
                    "runtime failed with exit status: {code} and output: {}",
                    String::from_utf8_lossy(&out.stderr).trim_end()
                )))
            }
        }
        Ok(without_ps(&String::from_utf8_lossy(&out.stdout), words))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_ps_options_and_ps_leaves_its_own_line_out() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(ps_argv(&s(&["-o pid,comm"])), s(&["ps", "-o", "pid,comm"]));
        assert_eq!(
            ps_argv(&s(&["-o", "pid,args"])),
            s(&["ps", "-o", "pid,args"])
        );
        let out = "PID   COMMAND\n    1 sleep 1000\n   12 ps -o pid,args\n";
        assert_eq!(
            without_ps(out, &s(&["-o", "pid,args"])),
            s(&["PID   COMMAND", "    1 sleep 1000"])
        );
    }
}
