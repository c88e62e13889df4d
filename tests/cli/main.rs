//! netlearn's integration tests: one binary (one link of hickory-server and rustls), a module
//! per command family, run against the real `netlearn` binary and in-process peers.

#[path = "../common/mod.rs"]
mod common;

mod addr;
mod addr_props;
mod binary;
mod columns;
mod demo_ja;
mod dns;
mod dns_system;
mod echo;
mod echo_client;
mod echo_demo;
mod echo_server;
mod echo_unix;
mod echo_words;
mod ftp;
mod fuzz_smoke;
mod help;
mod host;
mod house;
mod http;
mod http_hostile;
mod http_ja;
mod http_serve_hostile;
mod i18n;
mod json_corpus;
mod lab;
mod lab_exercise;
mod lab_export;
mod lab_file;
mod lab_impair;
mod lab_nat;
mod lab_picture;
mod lab_tcp;
mod ladder;
mod learn;
mod lessons;
mod readme;
mod wire;
