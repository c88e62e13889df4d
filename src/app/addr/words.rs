//! What the addr family (`cidr`, `mask`, `ip`) says about input that is not an address,
//! network or mask, a list operation that cannot be done, and a bad line of a list.
//!
//! Everything typed is quoted through `quote_line` / `bytes_terminal_safe`: a bad argument or
//! list line may be megabytes long or carry terminal escapes, and the message must stay one
//! short, inert line.

use crate::app::text::t;
use crate::i18n::Lang;
use crate::net::address::{MaskFault, ParseError};
use crate::net::aggregate::{LineError, LineProblem, MAX_LINE};
use crate::net::subnet::{SubnetError, Wanted};
use crate::output::escape::{bytes_terminal_safe, quote_line};

/// Octets longer than this are said by their number of digits, not written out.
const OCTET_DIGITS_SHOWN: usize = 6;
/// Bad octets longer than this (in characters) are said by their length, not quoted.
const OCTET_CHARS_QUOTED: usize = 16;

/// Why a piece of input is not an address, network or mask.
pub fn parse_error(lang: Lang, error: &ParseError) -> String {
    match error {
        ParseError::Empty => t!(lang, "addr-error-empty"),
        ParseError::LeadingZero {
            input,
            octet,
            value,
        } => t!(
            lang,
            "addr-error-leading-zero",
            input = quote_line(input),
            octet = quote_line(octet),
            value = *value
        ),
        ParseError::BadAddress { input } => {
            t!(lang, "addr-error-bad-address", input = quote_line(input))
        }
        ParseError::OctetTooBig {
            input,
            position,
            value,
        } if value.len() > OCTET_DIGITS_SHOWN => t!(
            lang,
            "addr-error-octet-too-many-digits",
            input = quote_line(input),
            position = *position,
            digits = value.len()
        ),
        ParseError::OctetTooBig {
            input,
            position,
            value,
        } => t!(
            lang,
            "addr-error-octet-too-big",
            input = quote_line(input),
            position = *position,
            value = value.as_str()
        ),
        ParseError::BadOctet {
            input,
            position,
            text,
        } => {
            let input = quote_line(input);
            match text.chars().count() {
                0 => t!(
                    lang,
                    "addr-error-octet-empty",
                    input = input,
                    position = *position
                ),
                n if n > OCTET_CHARS_QUOTED => t!(
                    lang,
                    "addr-error-octet-long",
                    input = input,
                    position = *position,
                    length = n
                ),
                _ => t!(
                    lang,
                    "addr-error-octet-not-number",
                    input = input,
                    position = *position,
                    text = quote_line(text)
                ),
            }
        }
        ParseError::OctetCount { input, count } => t!(
            lang,
            "addr-error-octet-count",
            input = quote_line(input),
            count = *count
        ),
        ParseError::BadPrefix { input, prefix } => t!(
            lang,
            "addr-error-bad-prefix",
            input = quote_line(input),
            prefix = quote_line(prefix)
        ),
        ParseError::PrefixOutOfRange {
            input,
            prefix,
            family,
        } => t!(
            lang,
            "addr-error-prefix-out-of-range",
            input = quote_line(input),
            prefix = *prefix,
            family = family.number(),
            max = family.bits()
        ),
        ParseError::NonContiguousMask { input, fault } => t!(
            lang,
            "addr-error-not-a-netmask",
            input = quote_line(input),
            fault = mask_fault(lang, *fault)
        ),
        ParseError::MaskOnIpv6 { input } => {
            t!(lang, "addr-error-mask-on-ipv6", input = quote_line(input))
        }
    }
}

/// What is wrong with a mask whose ones are not one run from the left.
pub fn mask_fault(lang: Lang, fault: MaskFault) -> String {
    match fault {
        MaskFault::Inverted => t!(lang, "addr-mask-fault-inverted"),
        MaskFault::Gap { first_zero_bit } => {
            t!(lang, "addr-mask-fault-gap", bit = first_zero_bit)
        }
        MaskFault::NotContiguous => t!(lang, "addr-mask-fault-not-contiguous"),
    }
}

/// `netlearn mask`'s error: an inverted mask names `--wildcard`, the flag that reads it.
pub fn mask_error(lang: Lang, error: &ParseError) -> String {
    let said = parse_error(lang, error);
    match error {
        ParseError::NonContiguousMask {
            fault: MaskFault::Inverted,
            ..
        } => t!(lang, "addr-error-pass-wildcard", error = said),
        _ => said,
    }
}

/// Why a split, supernet or range cannot be done. Counts may pass 2^53, so they are handed
/// to the text as digits, not as (floating-point) Fluent numbers.
pub fn subnet_error(lang: Lang, error: &SubnetError) -> String {
    match error {
        SubnetError::SplitPrefix {
            net,
            prefix,
            current,
            max,
        } => t!(
            lang,
            "addr-error-split-prefix",
            net = net.to_string(),
            prefix = *prefix,
            current = *current,
            max = *max
        ),
        SubnetError::TooManySubnets {
            net,
            prefix,
            exponent,
            limit,
        } => t!(
            lang,
            "addr-error-too-many-subnets",
            net = net.to_string(),
            prefix = *prefix,
            exponent = *exponent,
            limit = *limit
        ),
        SubnetError::DoesNotFit { net, wanted, what } => {
            let id = match what {
                Wanted::Subnets => "addr-error-cannot-hold-subnets",
                Wanted::UsableHosts => "addr-error-cannot-hold-hosts",
            };
            t!(lang, id, net = net.to_string(), wanted = wanted.to_string())
        }
        SubnetError::SupernetPrefix { prefix, current } => t!(
            lang,
            "addr-error-supernet-prefix",
            prefix = *prefix,
            current = *current
        ),
        SubnetError::MixedFamilies { first, last } => t!(
            lang,
            "addr-error-mixed-families",
            first = first.to_string(),
            last = last.to_string()
        ),
    }
}

/// A bad line of a list, with its number.
pub fn line_error(lang: Lang, error: &LineError) -> String {
    let line = error.line;
    match &error.error {
        LineProblem::Parse(parse) => t!(
            lang,
            "addr-line-error",
            line = line,
            error = parse_error(lang, parse)
        ),
        LineProblem::NotText { head, len } if *len > head.len() => t!(
            lang,
            "addr-line-not-text-cut",
            line = line,
            head = bytes_terminal_safe(head),
            len = *len,
            shown = head.len()
        ),
        LineProblem::NotText { head, .. } => t!(
            lang,
            "addr-line-not-text",
            line = line,
            head = bytes_terminal_safe(head)
        ),
        LineProblem::TooLong { len } => t!(
            lang,
            "addr-line-too-long",
            line = line,
            max = MAX_LINE,
            len = len.to_string()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::address::{parse_addr, parse_any_mask, parse_mask, parse_net};
    use crate::net::aggregate::AddressList;
    use crate::net::subnet;

    fn said(lang: Lang, text: &str) -> String {
        parse_error(lang, &parse_addr(text).unwrap_err())
    }

    #[test]
    fn a_bad_ipv4_address_names_the_octet_at_fault() {
        let en = |text: &str| said(Lang::En, text);
        assert_eq!(
            en("192.168.1.300"),
            "'192.168.1.300': octet 4 is 300, above 255"
        );
        assert_eq!(en("300.1.1.1"), "'300.1.1.1': octet 1 is 300, above 255");
        assert_eq!(
            en("10.0.x.1"),
            "'10.0.x.1': octet 3 is 'x', not a number from 0 to 255"
        );
        assert_eq!(
            en("10..0.1"),
            "'10..0.1': octet 2 is empty, not a number from 0 to 255"
        );
        assert_eq!(
            crate::output::spaces::plain(&en("10.1.2")),
            "'10.1.2': an IPv4 address has 4 octets, this has 3"
        );
        assert_eq!(
            en("010.1.1.1"),
            "'010.1.1.1': octet '010' has a leading zero (some tools read it as octal, others as \
             decimal; write 10)"
        );
        assert_eq!(en(""), "empty input");
        assert_eq!(
            en("example.com"),
            "'example.com' is not an IPv4 or IPv6 address"
        );
        let long = format!("1.1.1.{}", "9".repeat(100_000));
        assert!(en(&long).ends_with("octet 4 is a 100000-digit number, above 255"));
        assert!(en(&long).len() < 200, "a huge octet is said short");
        let junk = format!("1.1.1.{}", "x".repeat(100_000));
        assert!(
            en(&junk)
                .ends_with("octet 4 is 100000\u{a0}characters long, not a number from 0 to 255")
        );
        assert!(en(&junk).len() < 200, "a huge octet is said short");

        let ja = |text: &str| said(Lang::Ja, text);
        assert_eq!(
            ja("192.168.1.300"),
            "'192.168.1.300': 4 番目のオクテットが 300 で、255 を超えています。各オクテットは 0 から \
             255 の数です"
        );
        assert!(ja("010.1.1.1").contains("'010' の先頭に 0 があります"));
        assert!(ja("010.1.1.1").ends_with("10 と書いてください"));
        assert!(ja("10.1.2").contains("これは 3\u{a0}個です"));
        assert!(ja(&long).contains("100000\u{a0}桁の数"));
        assert!(ja(&junk).contains("100000\u{a0}文字あり"));
        assert!(ja("").contains("192.168.0.1"), "says what to type");
        assert!(ja("10..0.1").contains("2 番目のオクテットが空です"));
    }

    #[test]
    fn prefixes_and_masks_in_both_languages() {
        let net = |lang, text| parse_error(lang, &parse_net(text).unwrap_err());
        assert_eq!(
            net(Lang::En, "10.0.0.0/33"),
            "'10.0.0.0/33': prefix length 33 is out of range for IPv4 (0 to 32)"
        );
        assert_eq!(
            net(Lang::Ja, "10.0.0.0/33"),
            "'10.0.0.0/33': プレフィックス長 33 は IPv4 の範囲 (0 から 32) を外れています"
        );
        assert_eq!(
            net(Lang::En, "10.0.0.0/x"),
            "'10.0.0.0/x': prefix length 'x' is not a number"
        );
        assert!(net(Lang::Ja, "10.0.0.0/x").contains("プレフィックス長 'x' が数ではありません"));
        assert_eq!(
            net(Lang::En, "2001:db8::/255.0.0.0"),
            "'2001:db8::/255.0.0.0': a dotted netmask only applies to IPv4 addresses"
        );
        assert!(net(Lang::Ja, "2001:db8::/255.0.0.0").contains("/64"));
        let mask = |lang, text| mask_error(lang, &parse_mask(text, false).unwrap_err());
        assert_eq!(
            mask(Lang::En, "255.0.255.0"),
            "'255.0.255.0' is not a valid netmask: its ones are not contiguous (bit 9 is 0 but a \
             later bit is 1); a netmask is N ones followed by zeros"
        );
        assert!(mask(Lang::Ja, "255.0.255.0").contains("ビット 9 が 0 なのに"));
        assert_eq!(
            mask(Lang::En, "0.0.15.255"),
            "'0.0.15.255' is not a valid netmask: it looks like a wildcard (inverted) mask; pass \
             --wildcard to read it as one"
        );
        assert!(
            mask(Lang::Ja, "0.0.15.255")
                .ends_with("--wildcard を付けると、ワイルドカードマスクとして読みます")
        );
        let v6 = parse_any_mask("ffff:0:ffff::", false, None).unwrap_err();
        assert_eq!(
            parse_error(Lang::En, &v6),
            "'ffff:0:ffff::' is not a valid netmask: its ones are not contiguous; a netmask is N \
             ones followed by zeros"
        );
        assert!(parse_error(Lang::Ja, &v6).contains("1 のビットが連続していません"));
    }

    #[test]
    fn list_operations_that_cannot_be_done() {
        let net: ipnet::IpNet = "192.168.0.0/24".parse().unwrap();
        let split = subnet::split(&net, 20).err().unwrap();
        assert_eq!(
            subnet_error(Lang::En, &split),
            "cannot split 192.168.0.0/24 into /20: the new prefix must be longer than /24 and at \
             most /32"
        );
        assert!(subnet_error(Lang::Ja, &split).contains("/24 より長く、/32 以下"));
        let big: ipnet::IpNet = "::/0".parse().unwrap();
        let many = subnet::split(&big, 64).err().unwrap();
        assert_eq!(
            crate::output::spaces::plain(&subnet_error(Lang::En, &many)),
            "splitting ::/0 into /64 makes 2^64 subnets; at most 2^24 are listed"
        );
        assert!(subnet_error(Lang::Ja, &many).contains("2^24\u{a0}個まで"));
        let hosts = subnet::prefix_for_hosts(&net, u128::MAX).unwrap_err();
        assert_eq!(
            subnet_error(Lang::En, &hosts),
            format!("192.168.0.0/24 cannot hold {} usable hosts", u128::MAX)
        );
        assert!(subnet_error(Lang::Ja, &hosts).contains(&u128::MAX.to_string()));
        let count = subnet::prefix_for_count(&net, 1000).unwrap_err();
        assert_eq!(
            crate::output::spaces::plain(&subnet_error(Lang::En, &count)),
            "192.168.0.0/24 cannot hold 1000 subnets"
        );
        assert!(subnet_error(Lang::Ja, &count).contains("1000\u{a0}個のサブネット"));
        let supernet = subnet::supernet(&net, Some(25)).unwrap_err();
        assert_eq!(
            subnet_error(Lang::En, &supernet),
            "the supernet prefix /25 must be shorter than /24"
        );
        assert!(subnet_error(Lang::Ja, &supernet).contains("/24 より短く"));
        let mixed = subnet::range("10.0.0.1".parse().unwrap(), "::1".parse().unwrap()).unwrap_err();
        assert_eq!(
            subnet_error(Lang::En, &mixed),
            "10.0.0.1 and ::1 are not the same IP version"
        );
        assert!(subnet_error(Lang::Ja, &mixed).contains("IP のバージョンが違います"));
    }

    #[test]
    fn bad_lines_quote_a_short_escaped_piece() {
        let mut input = b"10.0.0.\x1b]0;owned\x07".to_vec();
        input.extend(std::iter::repeat_n(b'9', 5000));
        input.extend_from_slice(b"\n1.2.3.\xff\xfe\n");
        input.extend(std::iter::repeat_n(b'1', MAX_LINE + 10));
        let list = AddressList::parse(&input);
        let en: Vec<String> = list
            .errors
            .iter()
            .map(|e| line_error(Lang::En, e))
            .collect();
        for message in &en {
            assert!(message.chars().count() < 200, "{message}");
            assert!(
                !message.chars().any(crate::output::escape::is_unsafe),
                "{message}"
            );
        }
        assert!(
            en[0].starts_with("line 1: '10.0.0.\\x1b]0;owned\\x07"),
            "{}",
            en[0]
        );
        assert!(en[0].contains("5017 characters"), "{}", en[0]);
        assert_eq!(en[1], "line 2 is not UTF-8 text: '1.2.3.\\xff\\xfe'");
        assert_eq!(
            en[2],
            format!(
                "line 3 is longer than {MAX_LINE}\u{a0}bytes ({}\u{a0}bytes); it was not read",
                MAX_LINE + 10
            )
        );
        let ja: Vec<String> = list
            .errors
            .iter()
            .map(|e| line_error(Lang::Ja, e))
            .collect();
        assert!(ja[0].starts_with("1\u{a0}行目: '10.0.0.\\x1b]0;owned\\x07"));
        assert_eq!(
            ja[1],
            "2\u{a0}行目は UTF-8 のテキストではありません: '1.2.3.\\xff\\xfe'"
        );
        assert!(ja[2].starts_with(&format!("3\u{a0}行目は {MAX_LINE}\u{a0}バイトより長いため")));

        let cut = LineError {
            line: 7,
            error: LineProblem::NotText {
                head: b"ab\xff".to_vec(),
                len: 90,
            },
        };
        assert_eq!(
            line_error(Lang::En, &cut),
            "line 7 is not UTF-8 text: 'ab\\xff…' (90\u{a0}bytes, first 3 shown)"
        );
        assert!(line_error(Lang::Ja, &cut).contains("90\u{a0}バイトのうち最初の 3\u{a0}バイト"));
    }
}
