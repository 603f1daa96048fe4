//! Data that crosses between server and browser (what server functions
//! return and islands take), one file per feature.

mod accounts;
mod address;
mod assessment;
mod cluster;
mod dashboard;
mod frameworks;
mod research;
mod review;
mod schools;
#[cfg(test)]
mod tests;

pub use accounts::*;
pub use address::*;
pub use assessment::*;
pub use cluster::*;
pub use dashboard::*;
pub use frameworks::*;
pub use research::*;
pub use review::*;
pub use schools::*;
