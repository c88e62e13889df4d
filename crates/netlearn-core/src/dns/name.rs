//! What a query asks: names (internationalised names to punycode, reverse names for
//! addresses), record types by name or number, and the words of a dig-style command line.

use std::net::IpAddr;
use std::str::FromStr;

use hickory_resolver::proto::ProtoError;
use hickory_resolver::proto::rr::{Name, RecordType};
use hickory_resolver::proto::serialize::binary::DecodeError;
use serde::Serialize;

use crate::cause::Cause;
use crate::subnet::reverse_pointer;

/// Input that cannot become a query: the word as typed and what is wrong with it (worded in
/// `app::dns::words`).
#[derive(Debug, PartialEq, Eq)]
pub enum QueryInputError {
    Name { input: String, problem: NameProblem },
    RecordType { input: String, problem: TypeProblem },
    Server(super::server::ServerSpecError),
}

impl From<super::server::ServerSpecError> for QueryInputError {
    fn from(error: super::server::ServerSpecError) -> QueryInputError {
        QueryInputError::Server(error)
    }
}

/// Why a word is not a domain name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameProblem {
    Empty,
    /// IDNA (UTS #46) refused a non-ASCII name.
    NotPunycode,
    /// Two dots in a row, or a dot first: a label with nothing in it.
    EmptyLabel,
    /// A label of this many bytes (at most 63).
    LabelTooLong(usize),
    /// A name of this many bytes (at most 255).
    NameTooLong(usize),
    /// hickory refused the name otherwise (the view shows its own words).
    Invalid(Cause<ProtoError>),
}

/// Why a word is not a record type netlearn asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeProblem {
    /// `TYPE` with a number over 65535.
    NumberTooLarge,
    UnknownMnemonic,
    /// AXFR and IXFR.
    ZoneTransfer,
    /// The EDNS pseudo-record.
    Opt,
}

/// A name to ask for, as DNS carries it (ASCII, punycode) and as people write it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QueryName {
    /// The name on the wire, fully qualified: `xn--bcher-kva.example.`
    pub ascii: String,
    /// The name as typed or decoded from punycode: `bücher.example.`
    pub unicode: String,
    #[serde(skip)]
    pub name: Name,
    /// Typed with its trailing dot (or a reverse name): the search list does not apply.
    #[serde(skip)]
    pub typed_absolute: bool,
}

impl QueryName {
    /// Parses a name as a person types it. Non-ASCII names are converted with IDNA (UTS #46)
    /// to punycode; ASCII names keep their case and may use anything DNS allows (`_srv`, `*`).
    /// A trailing dot is optional: every name asked is absolute.
    pub fn parse(input: &str) -> Result<QueryName, QueryInputError> {
        let invalid = |problem: NameProblem| QueryInputError::Name {
            input: input.to_string(),
            problem,
        };
        if input.is_empty() {
            return Err(invalid(NameProblem::Empty));
        }
        let ascii = if input.is_ascii() {
            input.to_string()
        } else {
            idna::domain_to_ascii(input.trim_end_matches('.'))
                .map_err(|_| invalid(NameProblem::NotPunycode))?
        };
        let labels = ascii.strip_suffix('.').unwrap_or(&ascii);
        if !labels.is_empty() && labels.split('.').any(str::is_empty) {
            return Err(invalid(NameProblem::EmptyLabel));
        }
        let mut name = Name::from_ascii(&ascii).map_err(|e| {
            invalid(match e {
                ProtoError::Decode(DecodeError::LabelBytesTooLong(len)) => {
                    NameProblem::LabelTooLong(len)
                }
                ProtoError::Decode(DecodeError::DomainNameTooLong(len)) => {
                    NameProblem::NameTooLong(len)
                }
                other => NameProblem::Invalid(other.into()),
            })
        })?;
        name.set_fqdn(true);
        let mut parsed = QueryName::from_name(name);
        parsed.typed_absolute = input.ends_with('.');
        Ok(parsed)
    }

    /// The reverse-lookup name for an address: 1.2.0.192.in-addr.arpa. or nibbles of ip6.arpa.
    pub fn reverse(addr: IpAddr) -> QueryName {
        let text = reverse_pointer(addr);
        let mut name = Name::from_ascii(&text).unwrap_or_else(|_| Name::root());
        name.set_fqdn(true);
        QueryName::from_name(name)
    }

    pub fn from_name(name: Name) -> QueryName {
        let ascii = name.to_ascii();
        let unicode = display_unicode(&ascii);
        QueryName {
            ascii,
            unicode,
            name,
            typed_absolute: true,
        }
    }

    /// True when the Unicode form differs from the wire form (an internationalised name).
    pub fn is_idn(&self) -> bool {
        self.ascii != self.unicode
    }
}

/// The Unicode form of a name that may hold punycode labels (`xn--`); other names unchanged.
pub fn display_unicode(ascii: &str) -> String {
    if !ascii.to_ascii_lowercase().contains("xn--") {
        return ascii.to_string();
    }
    let (unicode, result) = idna::domain_to_unicode(ascii);
    if result.is_ok() {
        unicode
    } else {
        ascii.to_string()
    }
}

/// Parses a record type by mnemonic (any case) or as RFC 3597's `TYPE123`. Zone transfers
/// (AXFR, IXFR) and the EDNS pseudo-type OPT are refused: they are not lookups.
pub fn parse_record_type(input: &str) -> Result<RecordType, QueryInputError> {
    let refused = |problem: TypeProblem| QueryInputError::RecordType {
        input: input.to_string(),
        problem,
    };
    let upper = input.to_ascii_uppercase();
    let record_type = match upper.strip_prefix("TYPE") {
        Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            let number = digits
                .parse::<u16>()
                .map_err(|_| refused(TypeProblem::NumberTooLarge))?;
            RecordType::from(number)
        }
        // hickory parses no mnemonic for OPT; the word deserves its own reason all the same.
        _ if upper == "OPT" => RecordType::OPT,
        _ => RecordType::from_str(&upper).map_err(|_| refused(TypeProblem::UnknownMnemonic))?,
    };
    match record_type {
        RecordType::AXFR | RecordType::IXFR => Err(refused(TypeProblem::ZoneTransfer)),
        RecordType::OPT => Err(refused(TypeProblem::Opt)),
        other => Ok(other),
    }
}

/// A record type as dig writes it: the mnemonic, or `TYPE123` when it has none.
pub fn record_type_name(record_type: RecordType) -> String {
    match record_type {
        RecordType::Unknown(number) => format!("TYPE{number}"),
        known => <&'static str>::from(known).to_string(),
    }
}

/// The words of `netlearn dns WORD...`, sorted the way dig sorts them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct QueryWords {
    pub names: Vec<QueryName>,
    pub types: Vec<RecordType>,
    /// The `@server` words, parsed (names are resolved later, when asking).
    pub servers: Vec<super::server::ServerSpec>,
}

/// `@server` is a server, a word that reads as a record type is a type, anything else a name
/// (write `ns.` with its dot to ask for a host called "ns").
pub fn classify_words(words: &[String]) -> Result<QueryWords, QueryInputError> {
    let mut sorted = QueryWords::default();
    for word in words {
        if let Some(server) = word.strip_prefix('@') {
            sorted
                .servers
                .push(super::server::ServerSpec::parse(server)?);
        } else if let Ok(record_type) = parse_record_type(word) {
            sorted.types.push(record_type);
        } else if looks_like_type_number(word) {
            // TYPE99999 is a mistyped type, not a host name.
            parse_record_type(word)?;
        } else {
            sorted.names.push(QueryName::parse(word)?);
        }
    }
    Ok(sorted)
}

fn looks_like_type_number(word: &str) -> bool {
    let upper = word.to_ascii_uppercase();
    upper
        .strip_prefix("TYPE")
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        || matches!(upper.as_str(), "AXFR" | "IXFR" | "OPT")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idn_names_become_punycode_and_keep_their_unicode_form() {
        let name = QueryName::parse("bücher.example").unwrap();
        assert_eq!(name.ascii, "xn--bcher-kva.example.");
        assert_eq!(name.unicode, "bücher.example.");
        assert!(name.is_idn());
        assert!(!QueryName::parse("python.org").unwrap().is_idn());
    }

    #[test]
    fn ascii_names_keep_underscores_wildcards_and_case() {
        assert_eq!(
            QueryName::parse("_sip._tcp.Example.test").unwrap().ascii,
            "_sip._tcp.Example.test."
        );
        assert_eq!(QueryName::parse("*.x.test.").unwrap().ascii, "*.x.test.");
        assert_eq!(QueryName::parse(".").unwrap().ascii, ".");
    }

    #[test]
    fn bad_names_are_errors_that_name_the_input() {
        let long_label = "a".repeat(64);
        let input = format!("{long_label}.test");
        let Err(QueryInputError::Name {
            input: named,
            problem: NameProblem::LabelTooLong(64),
        }) = QueryName::parse(&input)
        else {
            panic!("a 64-byte label is refused by hickory");
        };
        assert_eq!(named, input);
        assert_eq!(
            QueryName::parse(""),
            Err(QueryInputError::Name {
                input: String::new(),
                problem: NameProblem::Empty
            })
        );
        for empty_label in ["a..b", ".a", "a.."] {
            assert!(
                matches!(
                    QueryName::parse(empty_label),
                    Err(QueryInputError::Name {
                        problem: NameProblem::EmptyLabel,
                        ..
                    })
                ),
                "{empty_label}"
            );
        }
        let long_name = vec!["a".repeat(60); 5].join(".");
        assert!(matches!(
            QueryName::parse(&long_name),
            Err(QueryInputError::Name {
                problem: NameProblem::NameTooLong(_),
                ..
            })
        ));
    }

    #[test]
    fn reverse_names_for_both_families() {
        assert_eq!(
            QueryName::reverse("192.0.2.1".parse().unwrap()).ascii,
            "1.2.0.192.in-addr.arpa."
        );
        let v6 = QueryName::reverse("2001:db8::1".parse().unwrap()).ascii;
        assert!(v6.starts_with("1.0.0.0.") && v6.ends_with(".8.b.d.0.1.0.0.2.ip6.arpa."));
        assert_eq!(v6.split('.').count(), 32 + 3);
    }

    #[test]
    fn record_types_by_name_any_case_and_by_number() {
        assert_eq!(parse_record_type("mx").unwrap(), RecordType::MX);
        assert_eq!(parse_record_type("HTTPS").unwrap(), RecordType::HTTPS);
        assert_eq!(parse_record_type("type65").unwrap(), RecordType::HTTPS);
        assert_eq!(
            parse_record_type("TYPE65280").unwrap(),
            RecordType::Unknown(65280)
        );
        assert_eq!(record_type_name(RecordType::Unknown(65280)), "TYPE65280");
        assert_eq!(record_type_name(RecordType::CAA), "CAA");
        let refused = |input: &str, problem| {
            Err(QueryInputError::RecordType {
                input: input.into(),
                problem,
            })
        };
        assert_eq!(
            parse_record_type("TYPE70000"),
            refused("TYPE70000", TypeProblem::NumberTooLarge)
        );
        assert_eq!(
            parse_record_type("AXFR"),
            refused("AXFR", TypeProblem::ZoneTransfer)
        );
        assert_eq!(parse_record_type("opt"), refused("opt", TypeProblem::Opt));
        assert_eq!(
            parse_record_type("TYPE41"),
            refused("TYPE41", TypeProblem::Opt)
        );
        assert_eq!(
            parse_record_type("bogus"),
            refused("bogus", TypeProblem::UnknownMnemonic)
        );
    }

    #[test]
    fn words_split_into_names_types_and_servers() {
        let words: Vec<String> = ["example.test", "MX", "@127.0.0.1:5353", "txt", "b.test"]
            .map(String::from)
            .to_vec();
        let sorted = classify_words(&words).unwrap();
        assert_eq!(sorted.names.len(), 2);
        assert_eq!(sorted.types, vec![RecordType::MX, RecordType::TXT]);
        assert_eq!(
            sorted.servers,
            vec![super::super::server::ServerSpec::parse("127.0.0.1:5353").unwrap()]
        );
        assert!(matches!(
            classify_words(&["TYPE99999".to_string()]),
            Err(QueryInputError::RecordType {
                problem: TypeProblem::NumberTooLarge,
                ..
            })
        ));
        assert!(matches!(
            classify_words(&["axfr".to_string()]),
            Err(QueryInputError::RecordType {
                problem: TypeProblem::ZoneTransfer,
                ..
            })
        ));
        assert!(matches!(
            classify_words(&["@127.0.0.1:0".to_string()]),
            Err(QueryInputError::Server(_))
        ));
    }
}
