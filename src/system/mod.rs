//! The store as a whole: what it holds and what could go (`system df`, the prunes), whether
//! its parts agree (`system check`), and wiping it (`system reset`).

pub mod check;
pub mod disk;
pub mod prune;
pub mod reset;
