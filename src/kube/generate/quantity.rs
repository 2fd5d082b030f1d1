//! Kubernetes quantities as apimachinery's `resource.Quantity` prints them: memory in
//! binary SI (`64Mi`), CPUs in decimal SI with milli-units (`500m`, `2`).

/// Bytes in binary SI, the largest suffix that divides them exactly (apimachinery's
/// canonical form); plain bytes otherwise.
pub fn memory(bytes: i64) -> String {
    const SUFFIXES: [&str; 6] = ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
    let mut value = bytes;
    let mut suffix = "";
    for s in SUFFIXES {
        if value == 0 || value % 1024 != 0 {
            break;
        }
        value /= 1024;
        suffix = s;
    }
    format!("{value}{suffix}")
}

/// Milli-CPUs in decimal SI: whole CPUs without a suffix.
pub fn cpu_milli(milli: i64) -> String {
    if milli % 1000 == 0 {
        format!("{}", milli / 1000)
    } else {
        format!("{milli}m")
    }
}

/// podman's limit in milli-CPUs from a CFS quota and period (`--cpus`); none under 1m,
/// finer than Kubernetes allows.
pub fn cpu_limit_milli(quota: i64, period: u64) -> Option<i64> {
    if quota <= 0 || period == 0 {
        return None;
    }
    let milli = (1000.0 * quota as f64 / period as f64) as i64;
    (milli >= 1).then_some(milli)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_is_printed_in_binary_si() {
        assert_eq!(memory(64 * 1024 * 1024), "64Mi");
        assert_eq!(memory(1024 * 1024 * 1024), "1Gi");
        assert_eq!(memory(1536), "1536");
        assert_eq!(memory(6 * 1024), "6Ki");
        assert_eq!(memory(1000), "1000");
    }

    #[test]
    fn cpus_are_printed_in_milli_units() {
        assert_eq!(cpu_limit_milli(150_000, 100_000), Some(1500));
        assert_eq!(cpu_milli(1500), "1500m");
        assert_eq!(cpu_milli(2000), "2");
        assert_eq!(cpu_milli(500), "500m");
        assert_eq!(cpu_limit_milli(50, 100_000), None);
        assert_eq!(cpu_limit_milli(0, 100_000), None);
    }
}
