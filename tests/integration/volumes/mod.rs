//! Named and anonymous volumes: the store and its commands (`volume create|ls|inspect|rm|
//! prune|exists`), `-v NAME:/c`, `-v /c`, `--mount type=volume`, the image's `VOLUME`s,
//! copy-up with ownership, `rm -v` and `--rm`, rootless ownership.

mod anonymous;
mod commands;
mod data;
mod from;
mod host;
mod inspect;
mod mounted;
mod relative;
mod rootless;

use crate::common::{Compression, Image, LayerBuilder, WithImage};

/// busybox with `/data` (uid 999, holding `db.txt` of uid 999, mode 0640) declared a
/// `VOLUME`, and `/seed` holding a file but no volume.
pub fn volume_image() -> Image {
    let layer = LayerBuilder::new()
        .dir_owned("data", 0o750, 999, 999)
        .file_owned("data/db.txt", b"seed\n", 0o640, 999, 999)
        .symlink("data/link", "db.txt")
        .dir("seed", 0o755)
        .file("seed/hello.txt", b"from the image\n", 0o644)
        .layer(Compression::Gzip);
    let mut image = Image::base().with_layer(layer);
    image.volumes = vec!["/data".into()];
    image
}

pub fn with_volume_image() -> WithImage {
    WithImage::pulled(volume_image(), "fixtures/volumes:latest")
}

/// The names `volume ls -q` prints.
pub fn volume_names(w: &WithImage) -> Vec<String> {
    let out = w.ctl.ok(&["volume", "ls", "-q"]);
    out.lines().iter().map(|s| s.to_string()).collect()
}
