//! `http get|serve` and the exchange view they share with the HTTP demo.

pub mod get;
pub mod json;
pub mod serve;
pub mod view;
pub mod words;
