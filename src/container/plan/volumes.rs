//! The image's `VOLUME`s: each an anonymous volume (podman's `--image-volume=anonymous`),
//! unless a mount from the flags is at that destination already.

use oci_spec::image::Config;

use crate::container::options::{container_path, Mount};

/// The anonymous volumes the image's config asks for, beside `mounts`; a path that is not
/// absolute, or `/`, is left out.
pub(super) fn image_volumes(cfg: &Config, mounts: &[Mount]) -> Vec<Mount> {
    let mut out: Vec<Mount> = Vec::new();
    for v in cfg.volumes().iter().flatten() {
        let Ok(dest) = container_path("image volume", v, v) else {
            continue;
        };
        let taken = mounts.iter().chain(&out).any(|m| m.destination() == dest);
        if !taken {
            out.push(Mount::anonymous_volume(dest));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::options::parse_volume;

    #[test]
    fn image_volumes_are_anonymous_unless_mounted() {
        let mut cfg = Config::default();
        cfg.set_volumes(Some(vec![
            "/data".into(),
            "/logs/".into(),
            "rel".into(),
            "/data".into(),
        ]));
        let mounts = [parse_volume("named:/logs").unwrap()];
        let got = image_volumes(&cfg, &mounts);
        assert_eq!(got, [Mount::anonymous_volume("/data".into())]);
    }
}
