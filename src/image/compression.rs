//! Layer compression: the algorithms a layer blob may be in, and their encoders.

use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A compressed layer blob's algorithm (a pulled layer records the one it came in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Algorithm {
    Gzip,
    Zstd,
}

impl Algorithm {
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Gzip => "gzip",
            Algorithm::Zstd => "zstd",
        }
    }

    /// The levels each accepts, as containers/image bounds them.
    fn levels(self) -> std::ops::RangeInclusive<i32> {
        match self {
            Algorithm::Gzip => 1..=9,
            Algorithm::Zstd => 1..=20,
        }
    }
}

impl std::str::FromStr for Algorithm {
    type Err = Error;

    /// podman's names; `zstd:chunked` is written as plain zstd (its TOC is an
    /// optimization for pulls that ctl does not make).
    fn from_str(s: &str) -> Result<Algorithm> {
        match s {
            "gzip" => Ok(Algorithm::Gzip),
            "zstd" | "zstd:chunked" => Ok(Algorithm::Zstd),
            _ => Err(Error::BadOption(format!(
                "unsupported compression format {s:?}: supported values are gzip, zstd and \
                 zstd:chunked"
            ))),
        }
    }
}

/// An algorithm and its level (None: the algorithm's default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Compression {
    pub algorithm: Algorithm,
    pub level: Option<i32>,
}

impl Compression {
    /// Refuses a level the algorithm does not have.
    pub fn new(algorithm: Algorithm, level: Option<i32>) -> Result<Compression> {
        if let Some(l) = level.filter(|l| !algorithm.levels().contains(l)) {
            let r = algorithm.levels();
            return Err(Error::BadOption(format!(
                "invalid compression level {l} for {}: it must be between {} and {}",
                algorithm.name(),
                r.start(),
                r.end()
            )));
        }
        Ok(Compression { algorithm, level })
    }

    /// `gzip-6`, `zstd-default`: the name of a compressed copy kept for this setting.
    pub fn key(&self) -> String {
        match self.level {
            Some(l) => format!("{}-{l}", self.algorithm.name()),
            None => format!("{}-default", self.algorithm.name()),
        }
    }

    /// Compresses everything `fill` writes into `out`.
    pub fn encode<W: Write>(
        &self,
        out: W,
        fill: impl FnOnce(&mut dyn Write) -> Result<()>,
    ) -> Result<W> {
        let io = |e: std::io::Error| Error::io("compressing a layer", e);
        match self.algorithm {
            Algorithm::Gzip => {
                let level = self.level.map_or(flate2::Compression::default(), |l| {
                    flate2::Compression::new(l as u32)
                });
                let mut enc = flate2::write::GzEncoder::new(out, level);
                fill(&mut enc)?;
                enc.finish().map_err(io)
            }
            Algorithm::Zstd => {
                let level = self.level.unwrap_or(zstd::DEFAULT_COMPRESSION_LEVEL);
                let mut enc = zstd::stream::write::Encoder::new(out, level).map_err(io)?;
                fill(&mut enc)?;
                enc.finish().map_err(io)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_levels_and_keys() {
        assert_eq!("gzip".parse::<Algorithm>().unwrap(), Algorithm::Gzip);
        assert_eq!(
            "zstd:chunked".parse::<Algorithm>().unwrap(),
            Algorithm::Zstd
        );
        assert!("lz4".parse::<Algorithm>().is_err());
        assert!(Compression::new(Algorithm::Gzip, Some(10)).is_err());
        assert!(Compression::new(Algorithm::Zstd, Some(20)).is_ok());
        let c = Compression::new(Algorithm::Zstd, None).unwrap();
        assert_eq!(c.key(), "zstd-default");
        assert_eq!(
            Compression::new(Algorithm::Gzip, Some(1)).unwrap().key(),
            "gzip-1"
        );
    }

    #[test]
    fn encoded_data_decodes_back() {
        for a in [Algorithm::Gzip, Algorithm::Zstd] {
            let c = Compression::new(a, Some(3)).unwrap();
            let out = c
                .encode(Vec::new(), |w| {
                    w.write_all(b"hello layer").map_err(|e| Error::io("w", e))
                })
                .unwrap();
            let mut back = Vec::new();
            match a {
                Algorithm::Gzip => std::io::Read::read_to_end(
                    &mut flate2::read::GzDecoder::new(&out[..]),
                    &mut back,
                ),
                Algorithm::Zstd => std::io::Read::read_to_end(
                    &mut zstd::stream::read::Decoder::new(&out[..]).unwrap(),
                    &mut back,
                ),
            }
            .unwrap();
            assert_eq!(back, b"hello layer");
        }
    }
}
