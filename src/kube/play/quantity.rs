//! Kubernetes resource quantities (`128Mi`, `1G`, `500m`, `1e3`) as ctl's flags take them.

/// The quantity as a number of units (bytes for memory, cores for cpu); None when it is
/// not a quantity.
pub fn parse(q: &str) -> Option<f64> {
    let q = q.trim();
    let split = q
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
        .unwrap_or(q.len());
    let (num, suffix) = q.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult = match suffix {
        "" => 1.0,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        s if s.starts_with(['e', 'E']) => 10f64.powi(s[1..].parse().ok()?),
        _ => return None,
    };
    (n >= 0.0).then_some(n * mult)
}

/// Memory as `--memory` takes it: whole bytes.
pub fn bytes(q: &str) -> Option<String> {
    parse(q).map(|b| format!("{}", b.ceil() as u64))
}

/// Cpu as `--cpus` takes it: cores, to the millicore.
pub fn cpus(q: &str) -> Option<String> {
    parse(q).map(|c| {
        let milli = (c * 1000.0).round() as u64;
        format!("{}", milli as f64 / 1000.0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_as_kubernetes_reads_them() {
        assert_eq!(bytes("128Mi").as_deref(), Some("134217728"));
        assert_eq!(bytes("1G").as_deref(), Some("1000000000"));
        assert_eq!(bytes("1e3").as_deref(), Some("1000"));
        assert_eq!(bytes("2048").as_deref(), Some("2048"));
        assert_eq!(cpus("500m").as_deref(), Some("0.5"));
        assert_eq!(cpus("2").as_deref(), Some("2"));
        assert_eq!(cpus("1.5").as_deref(), Some("1.5"));
        assert_eq!(parse("12Q"), None);
        assert_eq!(parse("lots"), None);
    }
}
