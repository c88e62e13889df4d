//! The reader's language and every sentence netlearn says to a person, looked up in it.
//!
//! The texts are Fluent files under `texts/<lang>/` (see `texts/README.md`), embedded at build
//! time so the binary stays self-contained. Fluent (Mozilla's Project Fluent, the
//! `fluent-bundle` crate) was chosen over key-value formats (rust-i18n's YAML, gettext .po)
//! because one entry can carry several texts as attributes (a glossary term's name, aliases,
//! definition, standard), placeholders are named (`{ $addr }`) so a translation may put them in
//! any order, English plurals are selectors inside the message instead of code, and its syntax
//! crate lets a test compare the placeholders of both languages. `fluent-bundle` is the
//! reference implementation, kept by the Project Fluent team and used by Firefox.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, OnceLock};

pub use fluent_bundle::FluentArgs;
use fluent_bundle::{FluentMessage, FluentResource, concurrent::FluentBundle};
use unicode_width::UnicodeWidthChar;

/// A language netlearn speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    /// English.
    En,
    /// Japanese (日本語).
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// The language a POSIX locale name such as `ja_JP.UTF-8` selects; English for `C`,
    /// `POSIX` and every language netlearn has no texts for.
    pub fn from_locale(locale: &str) -> Lang {
        let language = locale
            .split(['_', '.', '@', '-'])
            .next()
            .unwrap_or_default();
        if language.eq_ignore_ascii_case("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    /// The directory under `texts/` and the code `--lang` takes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }
}

/// The language the environment asks for, in POSIX order: the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that is set and not empty decides; none means English.
pub fn from_environment(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(var)
        .find(|value| !value.is_empty())
        .map_or(Lang::En, |value| {
            Lang::from_locale(&value.to_string_lossy())
        })
}

/// The `--lang` of a command line that has not been parsed yet (help must be built in the
/// reader's language before clap parses): `--lang ja` or `--lang=ja` before any `--`. None
/// when absent or not a language, which clap then reports.
pub fn from_args<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Option<Lang> {
    let mut words = args.iter().map(|a| a.as_ref().to_string_lossy());
    let mut chosen = None;
    while let Some(word) = words.next() {
        let value = if word == "--" {
            break;
        } else if word == "--lang" {
            words.next().map(|v| v.into_owned())
        } else if let Some(value) = word.strip_prefix("--lang=") {
            Some(value.to_string())
        } else {
            continue;
        };
        chosen = value.and_then(|v| Lang::ALL.into_iter().find(|l| l.code() == v));
    }
    chosen
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Chooses the language every later lookup uses.
pub fn set_language(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language chosen for this run (English until one is set).
pub fn language() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Ja,
        _ => Lang::En,
    }
}

/// Declares the text files: each name is read from `texts/en/` and `texts/ja/`.
macro_rules! text_files {
    ($($name:literal),+ $(,)?) => {
        /// Every text file: its name, its English source and its Japanese source.
        pub const FILES: &[(&str, &str, &str)] = &[$((
            $name,
            include_str!(concat!("../texts/en/", $name)),
            include_str!(concat!("../texts/ja/", $name)),
        )),+];
    };
}

text_files![
    "glossary.ftl",
    "learn.ftl",
    "hints.ftl",
    "echo.ftl",
    "help.ftl",
    "dns.ftl",
    "tls.ftl",
    "demo.ftl",
    "wire.ftl",
    "echo_errors.ftl",
    "http.ftl",
    "host.ftl",
    "lab.ftl",
    "lessons.ftl",
    "clap.ftl",
    "addr.ftl",
    "echo_client.ftl",
    "system.ftl",
    "ladder.ftl",
    "topology.ftl",
    "exercise.ftl",
    "nat.ftl",
    "export.ftl",
    "impair.ftl",
    "congestion.ftl",
];

type Bundle = FluentBundle<FluentResource>;

/// One text file of one language, parsed.
fn bundle(lang: Lang, file: usize) -> Bundle {
    let id = match lang {
        Lang::En => unic_langid::langid!("en"),
        Lang::Ja => unic_langid::langid!("ja"),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around placeholders would reach terminals and JSON as invisible
    // characters; netlearn's placeholders are addresses, numbers and command lines.
    bundle.set_use_isolating(false);
    let (_, en, ja) = FILES[file];
    let source = if lang == Lang::En { en } else { ja };
    // A syntax error loses only the broken entry (a test keeps there being none).
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
    // A duplicate id keeps its first text (a test keeps there being none).
    let _ = bundle.add_resource(resource);
    bundle
}

const FILE_COUNT: usize = FILES.len();

/// Each file of each language is parsed the first time one of its texts is needed: a command
/// that prints one counted noun must not pay for parsing the whole glossary in two languages
/// (measured: about 1 ms of a 3 ms DNS query). No text refers to another, so files stand alone.
static BUNDLES: [[OnceLock<Bundle>; FILE_COUNT]; 2] =
    [const { [const { OnceLock::new() }; FILE_COUNT] }; 2];

fn file_bundle(lang: Lang, file: usize) -> &'static Bundle {
    BUNDLES[lang as usize][file].get_or_init(|| bundle(lang, file))
}

/// The file that holds `id`: the glossary's ids are known by their prefix, so looking up any
/// other text never parses the glossary.
fn files_for(id: &str) -> impl Iterator<Item = usize> {
    let glossary = FILES
        .iter()
        .position(|(name, _, _)| *name == "glossary.ftl");
    let in_glossary = id.starts_with("term-") || id.starts_with("layer-");
    (0..FILE_COUNT).filter(move |&file| match (in_glossary, glossary) {
        (true, Some(g)) => file == g,
        (false, Some(g)) => file != g,
        (_, None) => true,
    })
}

/// Whether the Fluent `source` may define the message `id`: a line that starts with the id,
/// then blanks and `=` (Fluent's syntax for a message; a pattern's further lines are indented
/// and comments start with `#`, so nothing else starts a line that way). Looking for it in the
/// text costs a fraction of parsing a file, so a lookup parses only the file that holds its
/// text, not every file before it (measured: parsing learn, hints, echo and help to reach a
/// DNS text was 43 % of a DNS query's instructions).
fn defines(source: &str, id: &str) -> bool {
    let bytes = source.as_bytes();
    let is_definition = |end: usize| {
        let rest = &bytes[end..];
        let blanks = rest.iter().take_while(|&&b| b == b' ').count();
        rest.get(blanks) == Some(&b'=')
    };
    if bytes.starts_with(id.as_bytes()) && is_definition(id.len()) {
        return true;
    }
    let needle = format!("\n{id}");
    memchr::memmem::find_iter(bytes, needle.as_bytes()).any(|at| is_definition(at + needle.len()))
}

/// Where each id looked up so far was found, per language: a text looked up again (a packet
/// line, a glossary entry, every case of a property test) costs one hash lookup, not a search
/// through the files' text.
static FOUND_IN: [OnceLock<FoundIn>; 2] = [OnceLock::new(), OnceLock::new()];

/// Each id looked up in one language, and the index of the file that defines it (None: none).
type FoundIn = Mutex<HashMap<Box<str>, Option<usize>>>;

fn find(lang: Lang, id: &str) -> Option<(&'static Bundle, FluentMessage<'static>)> {
    let memo = FOUND_IN[lang as usize].get_or_init(|| Mutex::new(HashMap::new()));
    let known = memo
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .get(id)
        .copied();
    let file = match known {
        Some(file) => file,
        None => {
            let file = locate(lang, id);
            memo.lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .insert(id.into(), file);
            file
        }
    }?;
    let bundle = file_bundle(lang, file);
    bundle.get_message(id).map(|message| (bundle, message))
}

/// The file that defines `id` in `lang`, parsing only that one.
fn locate(lang: Lang, id: &str) -> Option<usize> {
    // Most ids start with their file's name (`dns-…` in dns.ftl): that file is looked in
    // first. An id is in one file only (a test keeps it so), so the order changes no text.
    let family = id.split('-').next().unwrap_or_default();
    let own = FILES
        .iter()
        .position(|(name, _, _)| name.strip_suffix(".ftl") == Some(family));
    let others = files_for(id).filter(move |&file| Some(file) != own);
    own.into_iter().chain(others).find(|&file| {
        let (_, en, ja) = FILES[file];
        defines(if lang == Lang::En { en } else { ja }, id)
            && file_bundle(lang, file).get_message(id).is_some()
    })
}

/// Whether `lang` has the message `id` (with `attribute`, when given) of its own.
pub fn has(lang: Lang, id: &str, attribute: Option<&str>) -> bool {
    find(lang, id).is_some_and(|(_, message)| match attribute {
        Some(name) => message.get_attribute(name).is_some(),
        None => message.value().is_some(),
    })
}

fn format_in(
    lang: Lang,
    id: &str,
    attribute: Option<&str>,
    args: Option<&FluentArgs>,
) -> Option<String> {
    let (bundle, message) = find(lang, id)?;
    let pattern = match attribute {
        Some(name) => message.get_attribute(name)?.value(),
        None => message.value()?,
    };
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// The text `id` (or its `attribute`) in `lang`, else in English (a text not yet translated),
/// else the id itself, so a missing text shows which one it is instead of failing.
pub fn lookup_in(
    lang: Lang,
    id: &str,
    attribute: Option<&str>,
    args: Option<&FluentArgs>,
) -> String {
    format_in(lang, id, attribute, args)
        .or_else(|| format_in(Lang::En, id, attribute, args))
        .map(|text| unfold(&text))
        .unwrap_or_else(|| match attribute {
            Some(name) => format!("{id}.{name}"),
            None => id.to_string(),
        })
}

/// The message `id` in the chosen language.
pub fn message(id: &str, args: Option<&FluentArgs>) -> String {
    lookup_in(language(), id, None, args)
}

/// The lines of an attribute that lists one item per line (a term's aliases) in `lang` itself,
/// without falling back to English: empty when `lang` lists none.
pub fn lines_in(lang: Lang, id: &str, attribute: &str) -> Vec<String> {
    format_in(lang, id, Some(attribute), None)
        .map(|text| {
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Two sentences as one paragraph: a space between them, none after a Japanese full stop.
pub fn join_sentences(first: &str, second: &str) -> String {
    if first.ends_with(['。', '：', '」']) {
        format!("{first}{second}")
    } else {
        format!("{first} {second}")
    }
}

/// Joins the lines of a text wrapped in its file back into one line per paragraph, as CSS
/// joins a paragraph's lines: a line break becomes a space, except between two full-width
/// characters (Japanese has no spaces between words); a blank line stays a paragraph break.
pub fn unfold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (n, paragraph) in text.split("\n\n").enumerate() {
        if n > 0 {
            out.push_str("\n\n");
        }
        let mut previous: Option<char> = None;
        let lines: Vec<&str> = paragraph.split('\n').collect();
        let last = lines.len() - 1;
        for (i, line) in lines.into_iter().enumerate() {
            // Only the indentation and the ends at a line break are layout; spaces written as
            // literals at the ends of a one-line text are meant.
            let line = if i > 0 { line.trim_start() } else { line };
            let line = if i < last { line.trim_end() } else { line };
            if line.is_empty() {
                continue;
            }
            if i > 0 && previous.is_some() {
                let next = line.chars().next();
                let wide = |c: Option<char>| c.and_then(UnicodeWidthChar::width) == Some(2);
                // Japanese punctuation (、。「」) never takes a space on either side.
                let punctuation =
                    |c: Option<char>| c.is_some_and(|c| ('\u{3000}'..='\u{303F}').contains(&c));
                if !(wide(previous) && wide(next) || punctuation(previous) || punctuation(next)) {
                    out.push(' ');
                }
            }
            out.push_str(line);
            previous = line.chars().last();
        }
    }
    out
}

/// A text looked up once and filled many times: per-packet explanations cannot afford a
/// Fluent lookup each (measured: it doubled `capture --read`'s time). Fluent resolves the
/// message once with markers for its placeholders; filling it is then plain concatenation.
/// Only for texts whose placeholders are strings, not selectors (a count is passed as text,
/// "5 bytes").
#[derive(Debug, Clone)]
pub struct Template {
    /// Literal text, each followed by the index of a value (none after the last).
    pieces: Vec<(String, Option<usize>)>,
}

/// Marks a placeholder while a template is resolved: noncharacters, which no text contains.
const MARK_OPEN: char = '\u{FDD0}';
const MARK_CLOSE: char = '\u{FDD1}';

impl Template {
    /// The message `id` of `lang`, with the placeholders `names` (their order is the order of
    /// the values `fill` takes).
    pub fn new(lang: Lang, id: &str, names: &[&str]) -> Template {
        let mut args = FluentArgs::new();
        for (i, name) in names.iter().enumerate() {
            args.set(*name, format!("{MARK_OPEN}{i}{MARK_CLOSE}"));
        }
        let text = lookup_in(lang, id, None, Some(&args));
        let mut pieces = Vec::new();
        let mut rest = text.as_str();
        while let Some(open) = rest.find(MARK_OPEN) {
            let after = &rest[open + MARK_OPEN.len_utf8()..];
            let Some(close) = after.find(MARK_CLOSE) else {
                break;
            };
            let index = after[..close].parse::<usize>().ok();
            pieces.push((rest[..open].to_string(), index));
            rest = &after[close + MARK_CLOSE.len_utf8()..];
        }
        pieces.push((rest.to_string(), None));
        Template { pieces }
    }

    /// Appends the text with `values` in its placeholders to `out`.
    pub fn fill_into(&self, out: &mut String, values: &[&str]) {
        for (text, index) in &self.pieces {
            out.push_str(text);
            if let Some(value) = index.and_then(|i| values.get(i)) {
                out.push_str(value);
            }
        }
    }

    /// The text with `values` in its placeholders.
    pub fn fill(&self, values: &[&str]) -> String {
        let mut out = String::with_capacity(128);
        self.fill_into(&mut out, values);
        out
    }
}

/// The text `id` in the chosen language: `tr!("id")`, or with placeholders
/// `tr!("id", addr = addr.to_string(), count = n)`.
#[macro_export]
macro_rules! tr {
    ($id:expr) => {
        $crate::i18n::message($id, None)
    };
    ($id:expr, $($key:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $(args.set(stringify!($key), $value);)+
        $crate::i18n::message($id, Some(&args))
    }};
}

/// `tr!` in a given language rather than the chosen one (views that are tested in both).
#[macro_export]
macro_rules! tr_in {
    ($lang:expr, $id:expr) => {
        $crate::i18n::lookup_in($lang, $id, None, None)
    };
    ($lang:expr, $id:expr, $($key:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $(args.set(stringify!($key), $value);)+
        $crate::i18n::lookup_in($lang, $id, None, Some(&args))
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glossary_ids_are_told_by_their_prefix() {
        for (name, en, ja) in FILES {
            for source in [en, ja] {
                for line in source.lines() {
                    let Some((id, _)) = line.split_once(" =") else {
                        continue;
                    };
                    if id.is_empty()
                        || !id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    {
                        continue;
                    }
                    let glossary_id = id.starts_with("term-") || id.starts_with("layer-");
                    assert_eq!(*name == "glossary.ftl", glossary_id, "{name}: {id}");
                    assert!(files_for(id).any(|file| FILES[file].0 == *name), "{id}");
                }
            }
        }
    }

    #[test]
    fn the_environment_is_read_in_posix_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| std::ffi::OsString::from(v))
            }
        };
        assert_eq!(from_environment(env(&[])), Lang::En);
        assert_eq!(from_environment(env(&[("LANG", "ja_JP.UTF-8")])), Lang::Ja);
        assert_eq!(
            from_environment(env(&[("LANG", "ja_JP.UTF-8"), ("LC_MESSAGES", "C")])),
            Lang::En
        );
        assert_eq!(
            from_environment(env(&[("LC_ALL", "ja_JP.eucJP"), ("LC_MESSAGES", "C")])),
            Lang::Ja
        );
        assert_eq!(
            from_environment(env(&[("LC_ALL", ""), ("LANG", "ja")])),
            Lang::Ja
        );
        assert_eq!(from_environment(env(&[("LANG", "C")])), Lang::En);
        assert_eq!(from_environment(env(&[("LANG", "fr_FR.UTF-8")])), Lang::En);
    }

    #[test]
    fn lang_is_found_before_parsing() {
        assert_eq!(
            from_args(&["netlearn", "--lang", "ja", "tour"]),
            Some(Lang::Ja)
        );
        assert_eq!(
            from_args(&["netlearn", "tour", "--lang=en"]),
            Some(Lang::En)
        );
        assert_eq!(from_args(&["netlearn", "--", "--lang", "ja"]), None);
        assert_eq!(from_args(&["netlearn", "--lang", "xx"]), None);
        assert_eq!(from_args(&["netlearn", "--lang"]), None);
    }

    #[test]
    fn wrapped_lines_are_joined_with_a_space_except_between_japanese_characters() {
        assert_eq!(unfold("one two\n  three\n\nnext"), "one two three\n\nnext");
        assert_eq!(
            unfold("ソケットは\n通信の端点です。"),
            "ソケットは通信の端点です。"
        );
        assert_eq!(unfold("ソケット (socket)\nは"), "ソケット (socket) は");
        assert_eq!(unfold(" or "), " or ");
        assert_eq!(
            unfold("メッセージです。\nSMTP も"),
            "メッセージです。SMTP も"
        );
    }

    #[test]
    fn every_text_file_parses_is_listed_and_defines_each_id_once() {
        for lang in Lang::ALL {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("texts")
                .join(lang.code());
            let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".ftl"))
                .collect();
            on_disk.sort();
            let mut listed: Vec<String> = FILES.iter().map(|(n, _, _)| n.to_string()).collect();
            listed.sort();
            assert_eq!(
                on_disk,
                listed,
                "texts/{} and text_files! differ",
                lang.code()
            );
        }
        let mut seen = std::collections::HashMap::new();
        for (name, en, ja) in FILES {
            for (lang, source) in [(Lang::En, en), (Lang::Ja, ja)] {
                let resource = match fluent_syntax::parser::parse(*source) {
                    Ok(resource) => resource,
                    Err((_, errors)) => panic!("texts/{}/{name}: {errors:?}", lang.code()),
                };
                for entry in resource.body {
                    if let fluent_syntax::ast::Entry::Message(message) = entry {
                        let id = message.id.name;
                        if let Some(other) = seen.insert((lang, id), *name) {
                            panic!("{id} is in both {other} and {name} ({})", lang.code());
                        }
                    }
                }
            }
        }
    }

    /// `find` parses a file only where `defines` sees the id: every message the parser finds
    /// must be seen there, in every file and both languages, or its text would be lost.
    #[test]
    fn every_message_is_seen_where_it_is_defined() {
        for (name, en, ja) in FILES {
            for (lang, source) in [(Lang::En, en), (Lang::Ja, ja)] {
                let resource = fluent_syntax::parser::parse(*source).unwrap_or_else(|(r, _)| r);
                let mut count = 0;
                for entry in resource.body {
                    if let fluent_syntax::ast::Entry::Message(message) = entry {
                        let id = message.id.name;
                        assert!(defines(source, id), "{id} in texts/{}/{name}", lang.code());
                        assert!(!defines(source, &format!("{id}-not-a-text")));
                        count += 1;
                    }
                }
                assert!(count > 0, "texts/{}/{name} has no message", lang.code());
            }
        }
        // An id that only begins another, or that appears inside a pattern, is not defined.
        let source =
            "dns-name-required = a name\nother =\n    dns-name = inside\n# dns-name = no\n";
        assert!(defines(source, "dns-name-required"));
        assert!(defines(source, "other"));
        assert!(!defines(source, "dns-name"));
        assert!(defines("first  = at the start", "first"));
        // Found in its own file first, and in another file than its family's.
        assert_eq!(
            lookup_in(Lang::En, "dns-source-given", None, None),
            "given with @"
        );
        assert_ne!(lookup_in(Lang::Ja, "clap-error", None, None), "clap-error");
    }

    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
    use std::collections::{BTreeMap, BTreeSet};

    fn inline_variables(expression: &InlineExpression<&str>, into: &mut BTreeSet<String>) {
        match expression {
            InlineExpression::VariableReference { id } => {
                into.insert(id.name.to_string());
            }
            InlineExpression::Placeable { expression } => expression_variables(expression, into),
            _ => {}
        }
    }

    fn expression_variables(expression: &Expression<&str>, into: &mut BTreeSet<String>) {
        match expression {
            Expression::Inline(inline) => inline_variables(inline, into),
            Expression::Select { selector, variants } => {
                inline_variables(selector, into);
                for variant in variants {
                    pattern_variables(&variant.value, into);
                }
            }
        }
    }

    fn pattern_variables(pattern: &Pattern<&str>, into: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                expression_variables(expression, into);
            }
        }
    }

    /// Every text of a language: `id` or `id.attribute`, with the placeholders it uses.
    fn texts_of(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
        let mut texts = BTreeMap::new();
        for (_, en, ja) in FILES {
            let source = if lang == Lang::En { en } else { ja };
            let Ok(resource) = fluent_syntax::parser::parse(*source) else {
                panic!("texts/{} does not parse", lang.code());
            };
            for entry in resource.body {
                if let Entry::Message(message) = entry {
                    if let Some(value) = &message.value {
                        let mut variables = BTreeSet::new();
                        pattern_variables(value, &mut variables);
                        texts.insert(message.id.name.to_string(), variables);
                    }
                    for attribute in &message.attributes {
                        let mut variables = BTreeSet::new();
                        pattern_variables(&attribute.value, &mut variables);
                        texts.insert(
                            format!("{}.{}", message.id.name, attribute.id.name),
                            variables,
                        );
                    }
                }
            }
        }
        texts
    }

    #[test]
    fn every_text_exists_in_both_languages_with_the_same_placeholders() {
        // Help is translated from the doc comments: only its headings are in both files
        // (src/cli/localize.rs checks the rest against the command tree).
        let translated_help =
            |id: &String| id.starts_with("help") && !id.starts_with("help-heading");
        let mut en = texts_of(Lang::En);
        let mut ja = texts_of(Lang::Ja);
        en.retain(|id, _| !translated_help(id));
        ja.retain(|id, _| !translated_help(id));
        let only_en: Vec<&String> = en.keys().filter(|k| !ja.contains_key(*k)).collect();
        let only_ja: Vec<&String> = ja.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(only_en.is_empty(), "not in Japanese: {only_en:?}");
        assert!(only_ja.is_empty(), "not in English: {only_ja:?}");
        for (id, variables) in &en {
            assert_eq!(Some(variables), ja.get(id), "placeholders of {id} differ");
        }
    }

    #[test]
    fn a_template_fills_as_fluent_formats() {
        let template = Template::new(Lang::En, "hint-refused", &["addr", "proto", "how"]);
        let mut args = FluentArgs::new();
        args.set("addr", "127.0.0.1:9");
        args.set("proto", "tcp");
        args.set("how", "start it");
        assert_eq!(
            template.fill(&["127.0.0.1:9", "tcp", "start it"]),
            lookup_in(Lang::En, "hint-refused", None, Some(&args))
        );
        assert_eq!(
            Template::new(Lang::Ja, "no-such-text", &[]).fill(&[]),
            "no-such-text"
        );
    }

    #[test]
    fn a_missing_text_falls_back_to_english_then_to_its_id() {
        assert_eq!(
            lookup_in(Lang::Ja, "no-such-text", None, None),
            "no-such-text"
        );
        assert_eq!(lookup_in(Lang::En, "term-tcp", None, None), "TCP");
    }
}
