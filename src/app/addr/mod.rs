//! `cidr`, `mask` and `ip`: address arithmetic shown as reports.

pub mod cidr;
pub mod ip;
pub mod mask;
pub mod view;
pub mod words;
