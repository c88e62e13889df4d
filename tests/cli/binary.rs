//! The binary itself: the default build is linked the usual way (no linker wrapper; static
//! linking is the packager's opt-in, README "Packaging") and stays position-independent, so its
//! address is randomized.

/// What the ELF headers say about how the program is loaded.
#[derive(Debug, PartialEq)]
struct Loading {
    /// `ET_DYN`: position-independent (a PIE), loaded at a random address.
    position_independent: bool,
    /// A `PT_INTERP` header: the kernel starts a dynamic loader (ld.so) first.
    interpreter: bool,
    /// A `PT_DYNAMIC` header: relocations to apply at start (a static PIE applies its own).
    dynamic_section: bool,
}

const ET_DYN: u16 = 3;
const PT_DYNAMIC: u32 = 2;
const PT_INTERP: u32 = 3;

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap())
}

/// Reads a 64-bit little-endian ELF file's type and program header types.
fn loading(bytes: &[u8]) -> Loading {
    assert_eq!(&bytes[..4], b"\x7fELF", "not an ELF file");
    assert_eq!(bytes[4], 2, "not a 64-bit ELF file");
    assert_eq!(bytes[5], 1, "not a little-endian ELF file");
    let program_headers = u64_at(bytes, 32) as usize;
    let entry_size = u16_at(bytes, 54) as usize;
    let count = u16_at(bytes, 56) as usize;
    let types: Vec<u32> = (0..count)
        .map(|i| u32_at(bytes, program_headers + i * entry_size))
        .collect();
    Loading {
        position_independent: u16_at(bytes, 16) == ET_DYN,
        interpreter: types.contains(&PT_INTERP),
        dynamic_section: types.contains(&PT_DYNAMIC),
    }
}

#[test]
#[cfg(all(target_arch = "x86_64", target_os = "linux", target_env = "gnu"))]
fn the_default_build_is_a_pie_linked_the_usual_way() {
    let bytes = std::fs::read(assert_cmd::cargo::cargo_bin!("netlearn")).unwrap();
    assert_eq!(
        loading(&bytes),
        Loading {
            position_independent: true,
            interpreter: true,
            dynamic_section: true,
        }
    );
}

/// The reader itself, against a program this machine surely has: /bin/sh is dynamically
/// linked on every glibc distribution, so it names an interpreter.
#[test]
#[cfg(all(target_arch = "x86_64", target_os = "linux", target_env = "gnu"))]
fn a_dynamically_linked_program_names_its_loader() {
    let bytes = std::fs::read("/bin/sh").unwrap();
    let sh = loading(&bytes);
    assert!(sh.interpreter, "{sh:?}");
    assert!(sh.dynamic_section, "{sh:?}");
}
