//! Pull progress: per-layer bars on a terminal, plain lines otherwise, nothing with -q.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use ctl::image::pull::{Progress, PullEvent};

pub struct Reporter {
    mode: Mode,
}

enum Mode {
    Quiet,
    Lines,
    Bars {
        multi: MultiProgress,
        bars: Mutex<HashMap<String, ProgressBar>>,
    },
}

pub fn reporter(quiet: bool, tty: bool) -> Arc<Reporter> {
    let mode = if quiet {
        Mode::Quiet
    } else if tty {
        Mode::Bars {
            multi: MultiProgress::with_draw_target(ProgressDrawTarget::stderr()),
            bars: Mutex::new(HashMap::new()),
        }
    } else {
        Mode::Lines
    };
    Arc::new(Reporter { mode })
}

use super::output::short_digest as short;

impl Reporter {
    pub fn finish(&self) {
        if let Mode::Bars { multi, .. } = &self.mode {
            let _ = multi.clear();
        }
    }
}

impl Progress for Reporter {
    fn event(&self, event: PullEvent) {
        match (&self.mode, event) {
            (Mode::Quiet, _) => {}
            (_, PullEvent::Resolved { description }) => eprintln!("{description}"),
            (_, PullEvent::Trying { reference }) => {
                eprintln!("Trying to pull {reference}...")
            }
            (Mode::Lines, PullEvent::LayerExists { digest })
            | (Mode::Bars { .. }, PullEvent::LayerExists { digest }) => {
                eprintln!("Copying blob {} skipped: already exists", short(&digest))
            }
            (Mode::Lines, PullEvent::LayerDone { digest }) => {
                eprintln!("Copying blob {} done", short(&digest))
            }
            (Mode::Lines, _) => {}
            (Mode::Bars { multi, bars }, PullEvent::LayerStart { digest, size }) => {
                let bar = multi.add(ProgressBar::new(size));
                bar.set_style(
                    ProgressStyle::with_template(
                        "Copying blob {prefix} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                );
                bar.set_prefix(short(&digest));
                bars.lock().expect("bars lock").insert(digest, bar);
            }
            (Mode::Bars { bars, .. }, PullEvent::LayerBytes { digest, bytes }) => {
                if let Some(b) = bars.lock().expect("bars lock").get(&digest) {
                    b.inc(bytes);
                }
            }
            (Mode::Bars { bars, .. }, PullEvent::LayerDone { digest }) => {
                if let Some(b) = bars.lock().expect("bars lock").get(&digest) {
                    b.finish();
                }
            }
            (Mode::Bars { .. }, _) => {}
        }
    }
}
