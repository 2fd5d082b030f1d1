//! Running a build: stages in file order (those the target needs), each step on the image
//! the previous step made. Every step stores its image and, with `--layers`, indexes it in
//! the cache, so an unchanged step is a lookup; a RUN runs only on a miss.

use std::collections::HashMap;
use std::path::PathBuf;

use ctl_monitor::time::Timestamp;
use serde_json::{json, Value};

use crate::build::cache::{self, Cache};
use crate::build::config::{self, add_history};
use crate::build::finish;
use crate::build::ignore::Ignore;
use crate::build::parse::{self, expand, Instruction, Step};
use crate::build::run::RunSpec;
use crate::build::source;
use crate::build::stages::{self, Stage};
use crate::build::{platform_args, BuildError, BuildRequest, Reporter};
use crate::container::export::write_layer;
use crate::container::lifecycle::Manager;
use crate::error::{Error, Result};
use crate::events::{Event, EventLog};
use crate::image::commit::{add_layer, store_image};
use crate::image::store::ImageRecord;
use crate::image::unpack::UnpackOptions;

mod inputs;

use inputs::{absolute, Layer, LayerKind};

/// Pulls an image the store lacks (or by policy), for FROM and `--from`.
pub type Pull<'a> = &'a dyn Fn(&str) -> Result<ImageRecord>;

/// The stage being built: the last step's image and config, and what is in scope.
struct Work {
    image: Option<ImageRecord>,
    config: Value,
    shell: Vec<String>,
    /// ARGs declared in this stage, with their values.
    args: Vec<(String, String)>,
}

struct Builder<'a> {
    m: &'a Manager,
    req: &'a BuildRequest,
    rep: &'a dyn Reporter,
    pull: Pull<'a>,
    opts: UnpackOptions,
    cache: Cache,
    ignore: Ignore,
    escape: char,
    /// ARGs before the first FROM.
    meta: Vec<(String, String)>,
    stages: Vec<Stage>,
    built: HashMap<usize, ImageRecord>,
    /// Containers holding mounted roots, removed when the build ends.
    helpers: Vec<String>,
    roots: HashMap<String, PathBuf>,
    /// How many layers the last stage built had from its FROM (`--squash` keeps those).
    base_layers: usize,
}

/// Builds `req`; returns the final image.
pub fn build(
    m: &Manager,
    req: &BuildRequest,
    rep: &dyn Reporter,
    pull: Pull,
    opts: UnpackOptions,
) -> Result<ImageRecord> {
    let syntax = |source| {
        Error::from(BuildError::Syntax {
            file: req.file_name.clone(),
            source,
        })
    };
    let steps = parse::parse(&req.file, &req.file_name).map_err(syntax)?;
    let (meta_steps, stages) = stages::split(steps).map_err(BuildError::Other)?;
    let ignore = match &req.ignorefile {
        Some(f) => Ignore::parse(&std::fs::read_to_string(f).map_err(|e| Error::io(f, e))?),
        None => Ignore::load(&req.context).map_err(|e| Error::io(&req.context, e))?,
    };
    let escape = if req.file.trim_start().starts_with("# escape=`") {
        '`'
    } else {
        '\\'
    };
    let mut b = Builder {
        m,
        req,
        rep,
        pull,
        opts,
        cache: Cache::open(&m.images),
        ignore,
        escape,
        meta: Vec::new(),
        stages,
        built: HashMap::new(),
        helpers: Vec::new(),
        roots: HashMap::new(),
        base_layers: 0,
    };
    for s in &meta_steps {
        if let Instruction::Arg(text) = &s.instr {
            let declared = b.declare(text, &[], &[]).map_err(|r| b.fail(s, r))?;
            b.meta.extend(declared);
        }
    }
    let made = b.run_all();
    for id in std::mem::take(&mut b.helpers) {
        let _ = m.remove(&id, true);
    }
    made
}

impl Builder<'_> {
    fn fail(&self, s: &Step, reason: String) -> Error {
        BuildError::Step {
            step: s.text.clone(),
            reason,
        }
        .into()
    }

    fn run_all(&mut self) -> Result<ImageRecord> {
        let target = match &self.req.target {
            Some(t) => stages::find(&self.stages, t).ok_or_else(|| {
                BuildError::Other(format!(
                    "the target {t:?} was not found in the provided Dockerfile"
                ))
            })?,
            None => self.stages.len() - 1,
        };
        let needed = match self.req.skip_unused_stages {
            true => stages::needed(&self.stages, target),
            false => (0..=target).collect(),
        };
        let mut last = None;
        for (n, &i) in needed.iter().enumerate() {
            let prefix = match needed.len() {
                1 => String::new(),
                total => format!("[{}/{}] ", n + 1, total),
            };
            let img = self.run_stage(i, &prefix, i == target)?;
            self.built.insert(i, img.clone());
            last = Some(img);
        }
        let img = last.expect("the target stage");
        let img = finish::finish(self.m, self.req, img, self.base_layers, &self.opts)?;
        let mut names = Vec::new();
        for t in &self.req.tags {
            let name = crate::image::archive::import::import_name(t)?;
            self.m.images.tag(&img.id, &name)?;
            names.push(name);
        }
        let e = Event::image(
            "build",
            &img.id,
            names.first().map(String::as_str).unwrap_or(""),
        );
        EventLog::new(&self.m.ctx.events).record(&e);
        let id12: String = img.id.chars().take(12).collect();
        self.rep.line(&format!("--> {id12}"));
        for n in &names {
            self.rep.line(&format!("Successfully tagged {n}"));
        }
        self.m.images.image(&img.id)
    }

    fn lookup<'v>(vars: &'v [(String, String)]) -> impl Fn(&str) -> Option<String> + 'v {
        move |n: &str| {
            vars.iter()
                .rev()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.clone())
        }
    }

    /// ARG NAME[=default]...: the value from --build-arg, else the default, else the
    /// predefined or global ARG of that name.
    fn declare(
        &self,
        text: &str,
        vars: &[(String, String)],
        inherited: &[(String, String)],
    ) -> std::result::Result<Vec<(String, String)>, String> {
        let look = Self::lookup(vars);
        let mut out = Vec::new();
        for w in expand::split_words(text, self.escape)? {
            let (name, default) = match w.split_once('=') {
                Some((n, d)) => (n.to_string(), Some(expand::word(d, self.escape, &look)?)),
                None => (w.clone(), None),
            };
            let given = self.req.build_args.iter().rev().find(|(k, _)| *k == name);
            let value = given
                .map(|(_, v)| v.clone())
                .or(default)
                .or_else(|| Self::lookup(inherited)(&name))
                .or_else(|| Self::lookup(&platform_args())(&name))
                .unwrap_or_default();
            out.push((name, value));
        }
        Ok(out)
    }

    /// The variables a step expands with: the stage's ARGs under its ENV.
    fn vars(w: &Work) -> Vec<(String, String)> {
        let mut v = w.args.clone();
        v.extend(config::env(&w.config));
        v
    }

    fn run_stage(&mut self, index: usize, prefix: &str, last: bool) -> Result<ImageRecord> {
        let steps = self.stages[index].steps.clone();
        let total = steps.len();
        let mut w = Work {
            image: None,
            config: Value::Null,
            shell: vec!["/bin/sh".into(), "-c".into()],
            args: Vec::new(),
        };
        for (k, s) in steps.iter().enumerate() {
            self.rep
                .line(&format!("{prefix}STEP {}/{total}: {}", k + 1, s.text));
            if k == 0 {
                self.from(s, &mut w)?;
            } else {
                self.step(s, &mut w)?;
            }
            let id12: String = w
                .image
                .as_ref()
                .map(|i| i.id.chars().take(12).collect())
                .unwrap_or_default();
            if last && k + 1 == total {
                let commit = match self.req.tags.first() {
                    Some(t) => format!("COMMIT {t}"),
                    None => "COMMIT".into(),
                };
                self.rep.line(&commit);
            } else if k > 0 {
                self.rep.line(&format!("--> {id12}"));
            }
        }
        match w.image {
            Some(i) => Ok(i),
            // FROM scratch alone: an image without layers.
            None => Ok(store_image(
                &self.m.images,
                &w.config,
                vec![],
                vec![],
                self.req.created(),
            )?),
        }
    }

    fn from(&mut self, s: &Step, w: &mut Work) -> Result<()> {
        let Instruction::From {
            image, platform, ..
        } = &s.instr
        else {
            unreachable!("a stage starts with FROM")
        };
        let mut vars = platform_args();
        vars.extend(self.meta.clone());
        let look = Self::lookup(&vars);
        let first = self
            .stages
            .first()
            .is_some_and(|x| x.steps[0].line == s.line);
        let name = match (&self.req.from, first) {
            (Some(f), true) => f.clone(),
            _ => expand::word(image, self.escape, &look).map_err(|r| self.fail(s, r))?,
        };
        if let Some(p) = platform {
            let p = expand::word(p, self.escape, &look).map_err(|r| self.fail(s, r))?;
            let host = &platform_args()[0].1;
            if !p.is_empty() && &p != host {
                return Err(self.fail(s, format!("platform {p} is not this host's ({host})")));
            }
        }
        let here = self.stages[..self
            .stages
            .iter()
            .position(|x| x.steps[0].line == s.line)
            .unwrap_or(0)]
            .to_vec();
        let img = if name == "scratch" {
            None
        } else if let Some(j) = stages::find(&here, &name) {
            self.built.get(&j).cloned()
        } else {
            Some(self.image(&name)?)
        };
        w.config = match &img {
            Some(i) => serde_json::from_slice(&self.m.images.blob(&i.config_digest())?)
                .map_err(|e| self.fail(s, e.to_string()))?,
            None => {
                let arch = &platform_args()[2].1;
                json!({"architecture": arch, "os": "linux", "config": {},
                       "rootfs": {"type": "layers", "diff_ids": []}, "history": []})
            }
        };
        if !self.req.inherit_labels {
            config::section(&mut w.config).remove("Labels");
        }
        for (k, v) in &self.req.env {
            config::set_env(&mut w.config, k, v);
        }
        self.base_layers = img.as_ref().map_or(0, |i| i.layers.len());
        w.image = img;
        Ok(())
    }

    /// An image by name: the store's, or pulled as --pull says.
    fn image(&self, name: &str) -> Result<ImageRecord> {
        let local = self.m.find_image(name);
        let missing = matches!(local, Err(Error::ImageNotFound(_)));
        match self.req.pull.pulls(missing) {
            true => (self.pull)(name),
            false => local,
        }
    }

    fn step(&mut self, s: &Step, w: &mut Work) -> Result<()> {
        let vars = Self::vars(w);
        let look = Self::lookup(&vars);
        let e = self.escape;
        let fail = |r: String| self.fail(s, r);
        let words = |t: &str| expand::words(t, e, &look).map_err(fail);
        let parent = w
            .image
            .as_ref()
            .map(|i| i.id.clone())
            .unwrap_or_else(|| "scratch".into());
        let scope: Vec<String> = vars.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let mut key_text = format!("{}\n{}{}", s.text, scope.join("\n"), self.req.cache_note());
        let mut cfg = w.config.clone();
        let created_nop = format!("/bin/sh -c #(nop) {}", s.text);
        // Config-only steps change `cfg`; the others make a layer.
        let mut layer: Option<Layer> = None;
        match &s.instr {
            Instruction::From { .. } => unreachable!("FROM starts a stage"),
            Instruction::Arg(text) => {
                let inherited = self.meta.clone();
                let declared = self.declare(text, &vars, &inherited).map_err(fail)?;
                w.args.extend(declared);
            }
            Instruction::Env(text) => {
                for (k, v) in expand::pairs(text, e, "ENV", &look).map_err(fail)? {
                    config::set_env(&mut cfg, &k, &v);
                }
            }
            Instruction::Label(text) => {
                for (k, v) in expand::pairs(text, e, "LABEL", &look).map_err(fail)? {
                    config::section(&mut cfg)
                        .entry("Labels")
                        .or_insert_with(|| json!({}))[k] = json!(v);
                }
            }
            Instruction::Workdir(t) => {
                let d = expand::word(t, e, &look).map_err(fail)?;
                let cur = config::str_field(&cfg, "WorkingDir");
                let d = absolute(&cur, &d);
                config::section(&mut cfg).insert("WorkingDir".into(), json!(d));
            }
            Instruction::User(t) => {
                let u = expand::word(t, e, &look).map_err(fail)?;
                config::section(&mut cfg).insert("User".into(), json!(u));
            }
            Instruction::Expose(t) => {
                for p in words(t)? {
                    let p = if p.contains('/') {
                        p
                    } else {
                        format!("{p}/tcp")
                    };
                    config::add_to_set(&mut cfg, "ExposedPorts", &p);
                }
            }
            Instruction::Volume(t) => {
                let list = match serde_json::from_str::<Vec<String>>(t) {
                    Ok(v) => v,
                    Err(_) => words(t)?,
                };
                for v in list {
                    config::add_to_set(&mut cfg, "Volumes", &v);
                }
            }
            Instruction::StopSignal(t) => {
                let sig = expand::word(t, e, &look).map_err(fail)?;
                config::section(&mut cfg).insert("StopSignal".into(), json!(sig));
            }
            Instruction::Cmd(c) => {
                let v = config::argv(c, &w.shell);
                config::section(&mut cfg).insert("Cmd".into(), json!(v));
            }
            Instruction::Entrypoint(c) => {
                let v = config::argv(c, &w.shell);
                let c = config::section(&mut cfg);
                c.insert("Entrypoint".into(), json!(v));
            }
            Instruction::Shell(v) => {
                w.shell = v.clone();
                config::section(&mut cfg).insert("Shell".into(), json!(v));
            }
            Instruction::Healthcheck(h) => {
                let v = config::healthcheck(h, &w.shell).map_err(fail)?;
                config::section(&mut cfg).insert("Healthcheck".into(), v);
            }
            Instruction::Onbuild(t) => {
                let c = config::section(&mut cfg);
                let list = c.entry("OnBuild").or_insert_with(|| json!([]));
                if !list.is_array() {
                    *list = json!([]);
                }
                list.as_array_mut().expect("array").push(json!(t));
            }
            Instruction::Maintainer(t) => {
                cfg["author"] = json!(t);
            }
            Instruction::Copy(c) | Instruction::Add(c) => {
                let add = matches!(s.instr, Instruction::Add(_));
                let l = self.copy(s, w, c, add, &look)?;
                key_text.push('\n');
                key_text.push_str(&l.digest);
                layer = Some(l);
            }
            Instruction::Run {
                mounts,
                network,
                cmd,
            } => {
                let argv = config::argv(cmd, &w.shell);
                let mounts = self.run_mounts(s, mounts)?;
                let mut env: Vec<String> = w.args.iter().map(|(k, v)| format!("{k}={v}")).collect();
                env.extend(
                    config::env(&cfg)
                        .into_iter()
                        .map(|(k, v)| format!("{k}={v}")),
                );
                layer = Some(Layer {
                    digest: String::new(),
                    created_by: format!(
                        "/bin/sh -c {}",
                        s.text.split_once(' ').map_or("", |x| x.1)
                    ),
                    kind: LayerKind::Run(RunSpec {
                        argv,
                        env,
                        user: config::str_field(&cfg, "User"),
                        workdir: config::str_field(&cfg, "WorkingDir"),
                        network: network.clone().or_else(|| self.req.network.clone()),
                        mounts,
                        quiet: self.req.quiet,
                    }),
                });
            }
        }
        let key = cache::key(&parent, &key_text, "");
        if self.req.layers && !self.req.no_cache {
            let fresh = |img: &ImageRecord| match (self.req.cache_ttl, img.created) {
                (Some(ttl), Some(c)) => Timestamp::now().seconds_since(c) < ttl,
                (Some(_), None) => false,
                (None, _) => true,
            };
            if let Some(img) = self.cache.get(&self.m.images, &key).filter(fresh) {
                self.rep.line(&format!("--> Using cache {}", img.id));
                w.config = serde_json::from_slice(&self.m.images.blob(&img.config_digest())?)
                    .map_err(|e| self.fail(s, e.to_string()))?;
                if let Instruction::Shell(v) = &s.instr {
                    w.shell = v.clone();
                }
                w.image = Some(img);
                return Ok(());
            }
        }
        let created = self.req.created();
        let created_s = serde_json::to_value(created)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let mut chains = w
            .image
            .as_ref()
            .map(|i| i.layers.clone())
            .unwrap_or_default();
        match layer {
            None => add_history(&mut cfg, &created_s, &created_nop, true),
            Some(l) => {
                let diff_ids: Vec<String> = cfg
                    .pointer("/rootfs/diff_ids")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|d| d.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                let (diff_id, all) = self.make_layer(s, w, &diff_ids, l.kind)?;
                chains = all;
                cfg["rootfs"] = json!({"type": "layers", "diff_ids": diff_ids.iter().chain([&diff_id]).collect::<Vec<_>>()});
                add_history(&mut cfg, &created_s, &l.created_by, false);
            }
        }
        cfg["created"] = json!(created);
        let img = store_image(&self.m.images, &cfg, chains, vec![], created)?;
        if self.req.layers {
            self.cache.put(&key, &img.id)?;
        }
        w.config = cfg;
        w.image = Some(img);
        Ok(())
    }

    fn make_layer(
        &self,
        s: &Step,
        w: &Work,
        diff_ids: &[String],
        kind: LayerKind,
    ) -> Result<(String, Vec<String>)> {
        match kind {
            LayerKind::Copy {
                items,
                parents,
                attrs,
            } => add_layer(&self.m.images, diff_ids, &self.opts, |out| {
                finish::with_mtime(self.req.timestamp, out, |out| {
                    source::write_tar(&items, &parents, &attrs, out)
                        .map_err(|e| self.fail(s, e.to_string()))
                })
            }),
            LayerKind::Run(spec) => {
                let Some(image) = &w.image else {
                    return Err(self.fail(s, "no base image to run in (FROM scratch)".into()));
                };
                let (id, code) = self.m.build_run(image, &spec, &self.req.run)?;
                if code != 0 {
                    let _ = self.m.remove(&id, true);
                    return Err(BuildError::RunFailed {
                        step: s.text.clone(),
                        code,
                    }
                    .into());
                }
                let upper = self.m.build_changes(&id);
                let made = add_layer(&self.m.images, diff_ids, &self.opts, |out| {
                    finish::with_mtime(self.req.timestamp, out, |out| write_layer(&upper, out))
                });
                let _ = self.m.remove(&id, true);
                made
            }
        }
    }
}
