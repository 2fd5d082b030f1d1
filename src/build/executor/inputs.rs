//! What steps read: COPY/ADD sources and RUN --mount values, and the mounted roots of
//! other stages and images that `--from` and `from=` name.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{Builder, Work};
use crate::build::cache;
use crate::build::config;
use crate::build::ignore::{clean, Ignore};
use crate::build::imagefs::{owner, ImageFs};
use crate::build::parse::{expand, CopyArgs, Step};
use crate::build::run::RunSpec;
use crate::build::source::{self, Attrs};
use crate::build::stages;
use crate::error::{Error, Result};

impl Builder<'_> {
    /// A mounted root for `--from` / `from=`: a built stage, or an image.
    pub(super) fn root_of(&mut self, s: &Step, name: &str) -> Result<PathBuf> {
        if let Some(p) = self.roots.get(name) {
            return Ok(p.clone());
        }
        let img = match stages::find(&self.stages, name).and_then(|j| self.built.get(&j)) {
            Some(i) => i.clone(),
            None => self.image(name).map_err(|e| self.fail(s, e.to_string()))?,
        };
        let (id, path) = self.m.build_mount(&img)?;
        self.helpers.push(id);
        self.roots.insert(name.to_string(), path.clone());
        Ok(path)
    }

    pub(super) fn copy(
        &mut self,
        s: &Step,
        w: &Work,
        c: &CopyArgs,
        add: bool,
        look: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Layer> {
        let e = self.escape;
        let from = match &c.from {
            Some(f) => {
                let f = expand::word(f, e, look).map_err(|r| self.fail(s, r))?;
                Some(self.root_of(s, &f)?)
            }
            None => None,
        };
        let fail = |r: String| self.fail(s, r);
        let ex = |t: &str| expand::word(t, e, look).map_err(fail);
        let mut sources = Vec::new();
        for src in &c.sources {
            if add && src.contains("://") {
                return Err(self.fail(s, format!("ADD from a URL is not supported: {src}")));
            }
            sources.push(ex(src)?);
        }
        let dest_raw = ex(&c.dest)?;
        let mut dest = absolute(&config::str_field(&w.config, "WorkingDir"), &dest_raw);
        if dest_raw.ends_with('/') && !dest.ends_with('/') {
            dest.push('/');
        }
        let layers = w
            .image
            .as_ref()
            .map(|i| i.layers.clone())
            .unwrap_or_default();
        let fs = ImageFs::new(&self.m.images, &layers);
        let none = Ignore::default();
        let (root, ignore) = match from {
            Some(r) => (r, &none),
            None => (self.req.context.clone(), &self.ignore),
        };
        let items = source::collect(&root, &sources, &dest, ignore, &fs, add).map_err(fail)?;
        let mut attrs = Attrs::default();
        if let Some(o) = &c.chown {
            attrs.owner = owner(&fs, &ex(o)?).map_err(fail)?;
        }
        if let Some(m) = &c.chmod {
            let v = u32::from_str_radix(m, 8).map_err(|_| fail(format!("invalid chmod {m:?}")))?;
            attrs.chmod = Some(v);
        }
        let dir_dest = (dest.ends_with('/')).then_some(dest.as_str());
        let parents = source::missing_parents(&items, &fs, dir_dest);
        let digest = source::digest(&items, &attrs).map_err(|e| fail(e.to_string()))?;
        let word = if add { "ADD" } else { "COPY" };
        Ok(Layer {
            created_by: format!("/bin/sh -c #(nop) {word} dir:{digest} in {dest} "),
            digest: format!("{}\n{parents:?}", digest),
            kind: LayerKind::Copy {
                items,
                parents,
                attrs,
            },
        })
    }

    /// RUN --mount values in `run --mount` syntax.
    pub(super) fn run_mounts(&mut self, s: &Step, mounts: &[String]) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for m in mounts {
            let mut kv = HashMap::new();
            for part in m.split(',') {
                let (k, v) = part.split_once('=').unwrap_or((part, "true"));
                kv.insert(k.to_string(), v.to_string());
            }
            let target = ["target", "dst", "destination"]
                .iter()
                .find_map(|k| kv.get(*k))
                .ok_or_else(|| self.fail(s, format!("mount {m:?}: no target")))?
                .clone();
            let rw = kv
                .get("rw")
                .or(kv.get("readwrite"))
                .is_some_and(|v| v == "true");
            match kv.get("type").map(String::as_str).unwrap_or("bind") {
                "cache" => {
                    let id = kv.get("id").cloned().unwrap_or_else(|| target.clone());
                    let dir = self
                        .m
                        .images
                        .root()
                        .join("build-cache-mounts")
                        .join(&cache::key("cache", &id, "")[..16]);
                    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
                    out.push(format!(
                        "type=bind,source={},destination={target}",
                        dir.display()
                    ));
                }
                "bind" => {
                    let root = match kv.get("from") {
                        Some(f) => self.root_of(s, f)?,
                        None => self.req.context.clone(),
                    };
                    let src = kv
                        .get("source")
                        .or(kv.get("src"))
                        .cloned()
                        .unwrap_or_default();
                    if src.split('/').any(|p| p == "..") {
                        return Err(self.fail(s, format!("mount source {src:?} leaves its root")));
                    }
                    let path = root.join(clean(&src));
                    let ro = if rw { "" } else { ",ro" };
                    out.push(format!(
                        "type=bind,source={},destination={target}{ro}",
                        path.display()
                    ));
                }
                "tmpfs" => out.push(format!("type=tmpfs,destination={target}")),
                t => return Err(self.fail(s, format!("unsupported mount type {t:?}"))),
            }
        }
        Ok(out)
    }
}

/// A path made absolute against the working directory.
pub(super) fn absolute(workdir: &str, p: &str) -> String {
    let joined = match p.starts_with('/') {
        true => p.to_string(),
        false => format!("{}/{p}", if workdir.is_empty() { "/" } else { workdir }),
    };
    format!("/{}", clean(&joined))
}

pub(super) struct Layer {
    pub(super) digest: String,
    pub(super) created_by: String,
    pub(super) kind: LayerKind,
}

pub(super) enum LayerKind {
    Copy {
        items: Vec<source::Item>,
        parents: Vec<String>,
        attrs: Attrs,
    },
    Run(RunSpec),
}

#[cfg(test)]
mod tests {
    #[test]
    fn destinations_are_made_absolute_against_the_workdir() {
        assert_eq!(super::absolute("", "a/b"), "/a/b");
        assert_eq!(super::absolute("/w", "x/../y"), "/w/y");
        assert_eq!(super::absolute("/w", "/abs/"), "/abs");
    }
}
