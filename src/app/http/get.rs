//! `netlearn http get`: one request, every byte and phase shown.

use std::process::ExitCode;
use std::sync::Arc;

use crate::app::http::view::ExchangeReport;
use crate::app::tls_view::setup_error;
use crate::cli::HttpGetArgs;
use crate::error::Error;
use crate::net::http::client::{self, Budget, FetchOptions, HttpError, TlsSettings};
use crate::net::http::target::{Scheme, Target};
use crate::net::http::wire::ResponseLimits;
use crate::net::tls;
use crate::output::escape::terminal_safe;
use crate::output::sink::Sink;
use crate::output::{self};
use crate::tr;

/// The error as one line for the terminal, in the run's language: escaped (names, header
/// values and certificate names in it came from the network) and, for the limits a flag
/// changes, which flag.
pub fn explain(error: &HttpError) -> String {
    let text = super::words::http_error_with_flag(crate::i18n::language(), error);
    terminal_safe(&text).into_owned()
}

/// "Name: value" into a header pair.
pub fn parse_header(text: &str) -> Result<(String, String), Error> {
    let (name, value) = text
        .split_once(':')
        .ok_or_else(|| Error::Usage(tr!("http-get-header-form", header = format!("{text:?}"))))?;
    let name = name.trim();
    let valid_name = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if !valid_name || value.contains(['\r', '\n']) {
        return Err(Error::Usage(tr!(
            "http-get-header-token",
            header = format!("{text:?}")
        )));
    }
    Ok((name.to_string(), value.trim().to_string()))
}

/// TLS settings for an https:// target: verifying, or inspecting under --insecure.
pub fn tls_settings(
    ca_file: Option<&std::path::Path>,
    insecure: bool,
) -> Result<TlsSettings, Error> {
    let alpn: &[&[u8]] = &[b"http/1.1"];
    if insecure {
        let (config, inspector) = tls::insecure_client_config(ca_file, alpn)
            .map_err(|e| Error::Usage(setup_error(crate::i18n::language(), &e)))?;
        Ok(TlsSettings {
            config: Arc::new(config),
            inspector: Some(inspector),
        })
    } else {
        let config = tls::client_config(ca_file, alpn)
            .map_err(|e| Error::Usage(setup_error(crate::i18n::language(), &e)))?;
        Ok(TlsSettings {
            config: Arc::new(config),
            inspector: None,
        })
    }
}

pub fn run(args: &HttpGetArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    let target = Target::parse(&args.url).map_err(|e| {
        let text = super::words::target_error(crate::i18n::language(), &e);
        Error::Usage(terminal_safe(&text).into_owned())
    })?;
    let headers = args
        .headers
        .iter()
        .map(|h| parse_header(h))
        .collect::<Result<Vec<_>, _>>()?;
    if target.scheme == Scheme::Http && (args.ca_file.is_some() || args.insecure) {
        return Err(Error::Usage(tr!("http-get-tls-flags")).into());
    }
    let tls = match target.scheme {
        Scheme::Https => Some(tls_settings(args.ca_file.as_deref(), args.insecure)?),
        Scheme::Http => None,
    };
    let options = FetchOptions {
        method: args.method.clone(),
        headers,
        half_close: args.half_close,
        timeout: args.timeout,
        tls,
    };
    let budget = Budget {
        max_time: args.max_time,
        response: ResponseLimits {
            max_body: args.max_body as u64,
            ..ResponseLimits::default()
        },
    };
    let runtime = crate::app::process::current_thread_runtime()?;
    let exchange = runtime
        .block_on(client::fetch_within(&target, &options, &budget))
        .map_err(|e| Error::Runtime(explain(&e)))?;
    let status = exchange.head.status;
    let reason = exchange.head.reason.clone();
    output::emit(&ExchangeReport::new(exchange, args.body), format, out)?;
    if args.fail && status >= 400 {
        return Err(Error::Runtime(tr!(
            "http-get-fail",
            status = status.to_string(),
            reason = terminal_safe(&reason).into_owned()
        ))
        .into());
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_must_be_one_line_tokens() {
        assert_eq!(
            parse_header("Accept: text/html").unwrap(),
            ("Accept".into(), "text/html".into())
        );
        assert!(parse_header("no colon").is_err());
        assert!(parse_header("Bad Name: x").is_err());
        assert!(parse_header("X: a\r\nInjected: b").is_err());
    }
}
