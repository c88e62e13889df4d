//! The curriculum: the glossary, the tour, the demos and the live runner that plays a demo's
//! command line inside netlearn.

pub mod demo;
pub mod explain;
pub mod glossary;
pub mod live;
pub mod tour;
