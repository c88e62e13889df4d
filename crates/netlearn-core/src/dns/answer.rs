//! A DNS response as rows people can read: record data as text (TXT strings kept apart,
//! unknown types in RFC 3597 form) and response codes by their dig names.

use std::fmt::Write as _;

use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::{RData, Record, RecordType};
use hickory_resolver::proto::serialize::binary::{BinEncodable, BinEncoder};
use serde::Serialize;

use super::name::{display_unicode, record_type_name};

/// One resource record, rendered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RecordRow {
    /// The owner name as it came on the wire (punycode stays punycode).
    pub name: String,
    /// The owner name decoded from punycode, when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_unicode: Option<String>,
    #[serde(rename = "type", serialize_with = "serialize_record_type")]
    pub record_type: RecordType,
    pub ttl: u32,
    /// Presentation format, as in a zone file (TXT strings each quoted).
    pub data: String,
    /// TXT (and SPF-like) records: each character-string on its own, never run together.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strings: Option<Vec<String>>,
}

impl RecordRow {
    pub fn of(record: &Record) -> RecordRow {
        let name = record.name.to_ascii();
        let unicode = display_unicode(&name);
        let strings = match &record.data {
            RData::TXT(txt) => Some(txt.txt_data.iter().map(|s| json_string(s)).collect()),
            _ => None,
        };
        RecordRow {
            name_unicode: (unicode != name).then_some(unicode),
            name,
            record_type: record.record_type(),
            ttl: record.ttl,
            data: rdata_text(&record.data),
            strings,
        }
    }
}

/// A record type by its zone-file name (`A`, `TYPE65280`), as dig and the JSON write it.
pub fn serialize_record_type<S: serde::Serializer>(
    record_type: &RecordType,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&record_type_name(*record_type))
}

/// Record data in presentation format. Never panics: hickory's Display refuses some types
/// (OPT), and those fall back to the generic RFC 3597 form.
pub fn rdata_text(rdata: &RData) -> String {
    match rdata {
        RData::TXT(txt) => {
            let quoted: Vec<String> = txt.txt_data.iter().map(|s| quote(s)).collect();
            quoted.join(" ")
        }
        RData::Unknown { rdata, .. } => generic(&rdata.anything),
        other => {
            let mut text = String::new();
            match write!(text, "{other}") {
                Ok(()) => text,
                Err(_) => {
                    let mut bytes = Vec::new();
                    let mut encoder = BinEncoder::new(&mut bytes);
                    match other.emit(&mut encoder) {
                        Ok(()) => generic(&bytes),
                        // Not encodable either: its length is all that can be said.
                        Err(_) => generic(&[]),
                    }
                }
            }
        }
    }
}

/// RFC 3597 generic record data: `\# <length> <hex>`.
fn generic(bytes: &[u8]) -> String {
    let mut text = format!("\\# {}", bytes.len());
    if !bytes.is_empty() {
        text.push(' ');
        for byte in bytes {
            let _ = write!(text, "{byte:02x}");
        }
    }
    text
}

/// One character-string in double quotes, as dig writes it: `"` and `\` escaped, control
/// bytes as `\DDD`; valid UTF-8 stays readable.
pub fn quote(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() + 2);
    text.push('"');
    for chunk in bytes.utf8_chunks() {
        for ch in chunk.valid().chars() {
            match ch {
                '"' => text.push_str("\\\""),
                '\\' => text.push_str("\\\\"),
                c if c.is_control() => {
                    let mut buf = [0u8; 4];
                    for byte in c.encode_utf8(&mut buf).bytes() {
                        let _ = write!(text, "\\{byte:03}");
                    }
                }
                c => text.push(c),
            }
        }
        for byte in chunk.invalid() {
            let _ = write!(text, "\\{byte:03}");
        }
    }
    text.push('"');
    text
}

/// A character-string for JSON: the text itself when it is UTF-8, else dig's escaped form.
fn json_string(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => {
            let quoted = quote(bytes);
            quoted[1..quoted.len() - 1].to_string()
        }
    }
}

/// The response code as dig prints it: NOERROR, NXDOMAIN, SERVFAIL, REFUSED, ...
pub fn rcode_name(code: ResponseCode) -> String {
    let number = u16::from(code);
    match number {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        6 => "YXDOMAIN",
        7 => "YXRRSET",
        8 => "NXRRSET",
        9 => "NOTAUTH",
        10 => "NOTZONE",
        16 => "BADVERS",
        23 => "BADCOOKIE",
        _ => return format!("RCODE{number}"),
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_resolver::proto::rr::Name;
    use hickory_resolver::proto::rr::rdata::{NULL, TXT};

    #[test]
    fn txt_strings_are_kept_apart_and_escaped() {
        let txt = RData::TXT(TXT::from_bytes(vec![
            b"v=spf1 -all",
            b"say \"hi\"\\",
            b"\x01",
        ]));
        assert_eq!(rdata_text(&txt), r#""v=spf1 -all" "say \"hi\"\\" "\001""#);
        let record = Record::from_rdata(Name::from_ascii("t.test.").unwrap(), 60, txt);
        let row = RecordRow::of(&record);
        assert_eq!(
            row.strings.unwrap(),
            vec![
                "v=spf1 -all".to_string(),
                "say \"hi\"\\".into(),
                "\u{1}".into()
            ]
        );
    }

    #[test]
    fn invalid_utf8_in_txt_is_escaped_not_lost() {
        assert_eq!(quote(b"a\xffb"), r#""a\255b""#);
        assert_eq!(quote("wörld".as_bytes()), "\"wörld\"");
    }

    #[test]
    fn unknown_types_use_the_generic_form() {
        let data = RData::Unknown {
            code: RecordType::Unknown(65280),
            rdata: NULL::with(vec![0xde, 0xad]),
        };
        assert_eq!(rdata_text(&data), "\\# 2 dead");
    }

    #[test]
    fn data_without_a_presentation_form_uses_the_generic_form() {
        use hickory_resolver::proto::rr::rdata::opt::OPT;
        let text = rdata_text(&RData::OPT(OPT::default()));
        assert!(text.starts_with("\\# "), "{text}");
    }

    #[test]
    fn punycode_owner_names_get_their_unicode_form() {
        let record = Record::from_rdata(
            Name::from_ascii("xn--bcher-kva.test.").unwrap(),
            300,
            RData::A("192.0.2.7".parse().unwrap()),
        );
        let row = RecordRow::of(&record);
        assert_eq!(row.name_unicode.as_deref(), Some("bücher.test."));
        assert_eq!(row.data, "192.0.2.7");
        assert_eq!(row.record_type, RecordType::A);
    }

    #[test]
    fn response_codes_by_dig_name() {
        assert_eq!(rcode_name(ResponseCode::NXDomain), "NXDOMAIN");
        assert_eq!(rcode_name(ResponseCode::Refused), "REFUSED");
        assert_eq!(
            rcode_name(<ResponseCode as From<u16>>::from(4000)),
            "RCODE4000"
        );
    }
}
