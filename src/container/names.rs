//! Random container names in docker's `adjective_surname` style.

const LEFT: &[&str] = &[
    "agile", "bold", "brave", "bright", "calm", "clever", "cool", "eager", "fair", "fond",
    "gentle", "happy", "keen", "kind", "lucid", "merry", "modest", "nifty", "noble", "quiet",
    "quirky", "sharp", "sleepy", "stoic", "sweet", "tender", "upbeat", "vivid", "wise", "zen",
];

const RIGHT: &[&str] = &[
    "babbage",
    "bohr",
    "curie",
    "darwin",
    "dijkstra",
    "einstein",
    "euler",
    "fermi",
    "galois",
    "gauss",
    "hopper",
    "hypatia",
    "kepler",
    "knuth",
    "lamport",
    "lovelace",
    "maxwell",
    "meitner",
    "newton",
    "noether",
    "pascal",
    "ritchie",
    "shannon",
    "thompson",
    "torvalds",
    "turing",
    "wozniak",
    "yonath",
    "wright",
    "ramanujan",
];

pub fn random_name() -> String {
    let mut b = [0u8; 4];
    // The kernel's random source only fails when there is none at all.
    getrandom::fill(&mut b).expect("kernel random source");
    let n = u32::from_le_bytes(b) as usize;
    format!(
        "{}_{}{}",
        LEFT[n % LEFT.len()],
        RIGHT[(n / LEFT.len()) % RIGHT.len()],
        // A suffix keeps collisions rare with many containers.
        (n >> 16) % 100
    )
}
