//! The house rules the compiler cannot keep alone, read from the sources: no import circle
//! among the files of either crate, the domain crate free of presentation crates, cli/ parsing
//! without the app's words, app/ never reaching into learn/, and only the sink asking whether
//! a stream is a terminal.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The crate roots whose files are checked, relative to the package.
const CRATES: [&str; 2] = ["src", "crates/netlearn-core/src"];

/// The crates only the presentation (src/) may use.
const PRESENTATION: [&str; 9] = [
    "clap",
    "clap_complete",
    "clap_mangen",
    "comfy-table",
    "fluent-bundle",
    "rustyline",
    "terminal_size",
    "textwrap",
    "unic-langid",
];

fn package() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("read a source directory") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The module path of `file` in its crate (`src/app/echo/mod.rs` is `app::echo`).
fn module_of(root: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(root).expect("a file of the crate");
    let mut parts: Vec<String> = relative
        .with_extension("")
        .iter()
        .map(|part| part.to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The source without comments, string literals and the unit-test module at its end (tests
/// may reach anywhere).
fn code_of(source: &str) -> String {
    let source = match source.find("#[cfg(test)]\nmod tests") {
        Some(at) => &source[..at],
        None => source,
    };
    let bytes = source.as_bytes();
    let mut code = String::with_capacity(source.len());
    let mut at = 0;
    while at < bytes.len() {
        let rest = &source[at..];
        if rest.starts_with("//") {
            at += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            at += rest.find("*/").map_or(rest.len(), |end| end + 2);
        } else if let Some(raw) = rest.strip_prefix("r#\"") {
            at += raw.find("\"#").map_or(rest.len(), |end| end + 5);
            code.push_str("\"\"");
        } else if rest.starts_with('"') {
            let mut end = 1;
            while end < rest.len() && bytes[at + end] != b'"' {
                end += if bytes[at + end] == b'\\' { 2 } else { 1 };
            }
            at += (end + 1).min(rest.len());
            code.push_str("\"\"");
        } else if rest.starts_with("'\"'") {
            at += 3;
        } else {
            let c = rest.chars().next().expect("a character");
            code.push(c);
            at += c.len_utf8();
        }
    }
    code
}

/// The paths a `use` tree names: `crate::a::{b, c::{d as e}}` gives `crate::a::b` and
/// `crate::a::c::d`.
fn expand_use(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or("").trim();
        if !path.is_empty() && path != "self" {
            out.push(format!("{prefix}{path}"));
        } else if path == "self" {
            out.push(prefix.trim_end_matches("::").to_string());
        }
        return;
    };
    let base = format!("{prefix}{}", &tree[..open]);
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                expand_use(&inner[start..i], &base, out);
                start = i + 1;
            }
            _ => {}
        }
    }
    expand_use(&inner[start..], &base, out);
}

/// Every crate-relative path the code names: in `use` trees and written out in place.
fn paths_in(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for (at, _) in code.match_indices("use ") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = code[at..].find(';').map_or(code.len(), |end| at + end);
        let tree: String = code[at + 4..end]
            .chars()
            .filter(|c| !c.is_whitespace() || *c == ' ')
            .collect();
        let tree = tree.replace('\n', " ");
        if tree.starts_with("crate::") || tree.starts_with("super::") || tree.starts_with("self::")
        {
            expand_use(&tree, "", &mut paths);
        }
    }
    for start in ["crate::", "super::", "self::"] {
        for (at, _) in code.match_indices(start) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String = code[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            paths.push(path.trim_end_matches(':').to_string());
        }
    }
    paths
}

/// The module a path names, made absolute from `module` (the file's own module).
fn absolute(path: &str, module: &[String]) -> Vec<String> {
    let mut parts = path.split("::").filter(|p| !p.is_empty()).peekable();
    let mut base: Vec<String> = match parts.peek().copied() {
        Some("crate") => {
            parts.next();
            Vec::new()
        }
        Some("self") => {
            parts.next();
            module.to_vec()
        }
        _ => module.to_vec(),
    };
    while parts.peek() == Some(&"super") {
        parts.next();
        base.pop();
    }
    base.extend(parts.map(str::to_string));
    base
}

/// Which file of the crate imports which: file -> files it names.
fn imports(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let files = rust_files(root);
    let by_module: BTreeMap<Vec<String>, String> = files
        .iter()
        .map(|file| (module_of(root, file), display(root, file)))
        .collect();
    let mut graph = BTreeMap::new();
    for file in &files {
        let module = module_of(root, file);
        let name = display(root, file);
        let code = code_of(&fs::read_to_string(file).expect("read a source file"));
        let mut targets = BTreeSet::new();
        for path in paths_in(&code) {
            let full = absolute(&path, &module);
            // The longest prefix that is a file: `crate::a::b::Item` is a/b.rs or a.rs.
            if let Some(target) = (0..=full.len())
                .rev()
                .find_map(|len| by_module.get(&full[..len]))
                && *target != name
            {
                targets.insert(target.clone());
            }
        }
        graph.insert(name, targets);
    }
    graph
}

fn display(root: &Path, file: &Path) -> String {
    file.strip_prefix(root)
        .expect("a file of the crate")
        .to_string_lossy()
        .into_owned()
}

/// The circles of `graph`: its strongly connected components of more than one file.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        found: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, file: &'a str) {
            let n = self.index.len();
            self.index.insert(file, n);
            self.low.insert(file, n);
            self.stack.push(file);
            for next in self.graph.get(file).into_iter().flatten() {
                let next = next.as_str();
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[file].min(self.low[next]);
                    self.low.insert(file, low);
                } else if self.stack.contains(&next) {
                    let low = self.low[file].min(self.index[next]);
                    self.low.insert(file, low);
                }
            }
            if self.low[file] == self.index[file] {
                let mut component = Vec::new();
                while let Some(top) = self.stack.pop() {
                    component.push(top.to_string());
                    if top == file {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for file in graph.keys() {
        if !walk.index.contains_key(file.as_str()) {
            walk.visit(file);
        }
    }
    walk.found
}

#[test]
fn no_source_file_imports_one_that_imports_it_back() {
    for root in CRATES {
        let graph = imports(&package().join(root));
        assert!(graph.len() > 20, "{root} has its files");
        let found = circles(&graph);
        assert!(found.is_empty(), "import circles in {root}: {found:?}");
    }
}

#[test]
fn the_circle_finder_finds_a_circle_through_super_and_grouped_uses() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    };
    write("lib.rs", "mod a;\nmod b;\n");
    write("a/mod.rs", "mod x;\nmod y;\n");
    write(
        "a/x.rs",
        "use super::{y::Thing, z as _};\n// use crate::b;\n",
    );
    write("a/y.rs", "pub fn f() { crate::a::x::g() }\n");
    write("b.rs", "const S: &str = \"crate::a::x\";\n");
    let graph = imports(dir.path());
    assert_eq!(
        circles(&graph),
        vec![vec!["a/x.rs".to_string(), "a/y.rs".to_string()]]
    );
    assert!(
        graph["b.rs"].is_empty(),
        "strings and comments name nothing"
    );
}

#[test]
fn the_domain_crate_depends_on_no_presentation_crate() {
    let manifest = fs::read_to_string(package().join("crates/netlearn-core/Cargo.toml"))
        .expect("the domain crate's manifest");
    let dependencies: Vec<&str> = manifest
        .lines()
        .skip_while(|line| !line.starts_with("[dependencies]"))
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split(['.', '=', ' ']).next())
        .filter(|name| !name.is_empty())
        .collect();
    assert!(dependencies.contains(&"tokio"), "{dependencies:?}");
    for crate_name in PRESENTATION {
        assert!(
            !dependencies.contains(&crate_name),
            "the domain crate depends on {crate_name}"
        );
    }
}

/// The files of `family` (a folder of src/) that name a module of `forbidden`.
fn reaching(family: &str, forbidden: &str) -> Vec<String> {
    let root = package().join("src");
    imports(&root)
        .into_iter()
        .filter(|(file, _)| file.starts_with(family))
        .filter(|(_, targets)| targets.iter().any(|t| t.starts_with(forbidden)))
        .map(|(file, _)| file)
        .collect()
}

#[test]
fn command_line_parsing_uses_no_app_words() {
    assert_eq!(reaching("cli/", "app/"), Vec::<String>::new());
}

#[test]
fn the_app_families_never_reach_into_the_lessons() {
    assert_eq!(reaching("app/", "learn/"), Vec::<String>::new());
}

#[test]
fn only_the_sink_asks_whether_a_stream_is_a_terminal() {
    let root = package().join("src");
    let askers: Vec<String> = rust_files(&root)
        .iter()
        .filter(|file| !display(&root, file).starts_with("output/"))
        .filter(|file| {
            code_of(&fs::read_to_string(file).expect("read a source file")).contains("is_terminal")
        })
        .map(|file| display(&root, file))
        .collect();
    assert_eq!(askers, Vec::<String>::new());
}

/// The string literals `source` gives to the calls that make an error a person reads
/// (`.context`, `anyhow!`, `bail!`, `io::Error::other`, the command's usage and runtime
/// errors), outside comments and the unit tests, that still hold a word once placeholders
/// (`{error}`) and flags (`--pcap`) are taken out: English built in code, not read from texts/.
fn english_in_errors(source: &str) -> Vec<String> {
    const CALLS: [&str; 8] = [
        ".context(\"",
        "anyhow!(\"",
        "bail!(\"",
        "Error::other(\"",
        "Usage(\"",
        "Runtime(\"",
        "Usage(format!(\"",
        "Runtime(format!(\"",
    ];
    let source = match source.find("#[cfg(test)]\nmod tests") {
        Some(at) => &source[..at],
        None => source,
    };
    let code: String = source
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    for call in CALLS {
        for (at, _) in code.match_indices(call) {
            let rest = &code[at + call.len()..];
            let mut end = 0;
            let bytes = rest.as_bytes();
            while end < bytes.len() && bytes[end] != b'"' {
                end += if bytes[end] == b'\\' { 2 } else { 1 };
            }
            let literal = &rest[..end.min(rest.len())];
            // Placeholders out, then flags and code in backquotes.
            let mut words = String::new();
            let mut depth = 0;
            for c in literal.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ if depth == 0 => words.push(c),
                    _ => {}
                }
            }
            let is_word = |token: &&str| {
                !token.starts_with(['-', '`'])
                    && token
                        .as_bytes()
                        .windows(3)
                        .any(|w| w.iter().all(u8::is_ascii_alphabetic))
            };
            if words.split_whitespace().any(|token| is_word(&token)) {
                found.push(literal.to_string());
            }
        }
    }
    found
}

#[test]
fn the_english_finder_finds_a_sentence_and_passes_placeholders_and_flags() {
    let source = "fn f() {\n    x.context(\"cannot start the async runtime\")?;\n    \
                  y.map_err(|e| Error::Usage(format!(\"--pcap {}: {e}\", p)))?;\n    \
                  // .context(\"in a comment\")\n    \
                  anyhow::anyhow!(\"{}\", text::host_unknown(h));\n}\n\
                  #[cfg(test)]\nmod tests {\n    fn g() { bail!(\"a test says this\") }\n}\n";
    assert_eq!(
        english_in_errors(source),
        ["cannot start the async runtime"]
    );
}

/// Every sentence of an error a command ends with comes from texts/ (in the reader's
/// language), none is built in English by the code that raises it. (The domain crate's errors
/// are typed values that the views word.)
#[test]
fn no_error_is_worded_in_english_by_code() {
    let root = package().join("src");
    let mut found = Vec::new();
    for file in rust_files(&root) {
        let source = fs::read_to_string(&file).expect("read a source file");
        for literal in english_in_errors(&source) {
            found.push(format!("{}: {literal}", display(&root, &file)));
        }
    }
    assert_eq!(found, Vec::<String>::new());
}

/// A command line's arguments are what was typed: no field clap skips, to be filled in later
/// by the command (a value the command works out is a local where it runs).
#[test]
fn command_line_arguments_have_no_placeholder_fields() {
    let root = package().join("src/cli");
    let skipped: Vec<String> = rust_files(&root)
        .iter()
        .filter(|file| {
            code_of(&fs::read_to_string(file).expect("read a source file")).contains("arg(skip")
        })
        .map(|file| display(&root, file))
        .collect();
    assert_eq!(skipped, Vec::<String>::new());
}
