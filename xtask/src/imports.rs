//! Short import names for the release wasm and its JS glue.
//!
//! wasm-bindgen names every function the wasm imports from its glue after the Rust item and
//! a hash (`__wbg_setAttribute_f75317b2b5cabfb4`), all from the module `"./passage_map_bg.js"`.
//! The widget imports over 200 of them, and each name is written twice: in the wasm's
//! import section and as a key of the glue's import object. The hashes do not compress.
//! binaryen's `--minify-imports` leaves them alone (it renames imports from `env` only), so
//! the release build renames them here: `a`, `b`, … `Z`, `ab`, … and the module to `a`, in
//! both files, and checks that every name it renames is written exactly once in the glue,
//! as an object key. Measured on ed1e730: wasm 213.5 → 208.9 KB gzip, glue 7.8 → 5.0 KB.

/// Every import renamed: (old field name, new field name), in the order of the wasm's
/// import section, and the module name the imports shared.
pub struct Renamed {
    pub wasm: Vec<u8>,
    pub names: Vec<(String, String)>,
    pub module: String,
}

/// The module name every import gets.
pub const MODULE: &str = "a";

/// The `n`th short name: letters only (valid, unquoted object keys), never a word JS
/// reserves.
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    loop {
        let mut k = n;
        let mut name = vec![LETTERS[k % LETTERS.len()]];
        k /= LETTERS.len();
        while k > 0 {
            k -= 1;
            name.push(LETTERS[k % LETTERS.len()]);
            k /= LETTERS.len();
        }
        name.reverse();
        let name = String::from_utf8(name).expect("ASCII letters");
        if !matches!(name.as_str(), "do" | "if" | "in") {
            return name;
        }
        n += 1_000_000; // far past any import count: a name of three letters or more
    }
}

fn read_leb(bytes: &[u8], at: &mut usize) -> Result<u64, String> {
    let (mut value, mut shift) = (0u64, 0);
    loop {
        let byte = *bytes.get(*at).ok_or("the wasm ends inside a number")?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
        shift += 7;
        if shift > 63 {
            return Err("a number in the wasm is too long".into());
        }
    }
}

fn write_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn read_name<'a>(bytes: &'a [u8], at: &mut usize) -> Result<&'a str, String> {
    let len = read_leb(bytes, at)? as usize;
    let name = bytes.get(*at..*at + len).ok_or("the wasm ends inside a name")?;
    *at += len;
    std::str::from_utf8(name).map_err(|_| "a name in the wasm is not UTF-8".to_string())
}

fn write_name(out: &mut Vec<u8>, name: &str) {
    write_leb(out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
}

/// Skips an import's description (what kind of thing it imports, and its type).
fn skip_import_desc(bytes: &[u8], at: &mut usize) -> Result<(), String> {
    let kind = *bytes.get(*at).ok_or("the wasm ends inside an import")?;
    *at += 1;
    let limits = |at: &mut usize| -> Result<(), String> {
        let flags = *bytes.get(*at).ok_or("the wasm ends inside limits")?;
        *at += 1;
        read_leb(bytes, at)?;
        if flags & 1 != 0 {
            read_leb(bytes, at)?;
        }
        Ok(())
    };
    match kind {
        0 => read_leb(bytes, at).map(drop), // function: type index
        1 => {
            *at += 1; // table: element type
            limits(at)
        }
        2 => limits(at), // memory
        3 => {
            *at += 2; // global: value type, mutability
            Ok(())
        }
        4 => {
            *at += 1; // tag: attribute
            read_leb(bytes, at).map(drop)
        }
        k => Err(format!("the wasm imports something of unknown kind {k}")),
    }
}

/// The wasm with every import renamed (see the module's documentation). Every other
/// section is copied byte for byte.
pub fn shorten(wasm: &[u8]) -> Result<Renamed, String> {
    if wasm.get(..8) != Some(b"\0asm\x01\0\0\0") {
        return Err("not a WebAssembly 1 module".into());
    }
    let mut out = wasm[..8].to_vec();
    let (mut names, mut module) = (Vec::new(), None::<String>);
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let size = read_leb(wasm, &mut at)? as usize;
        let body = wasm.get(at..at + size).ok_or("the wasm ends inside a section")?;
        let start = at;
        at += size;
        if id != 2 {
            out.push(id);
            write_leb(&mut out, size as u64);
            out.extend_from_slice(body);
            continue;
        }
        let mut p = 0;
        let count = read_leb(body, &mut p)?;
        let mut section = Vec::with_capacity(size);
        write_leb(&mut section, count);
        for i in 0..count as usize {
            let from = read_name(body, &mut p)?;
            match &module {
                None => module = Some(from.to_owned()),
                Some(m) if m != from => {
                    return Err(format!("the wasm imports from two modules, {m:?} and {from:?}"));
                }
                Some(_) => {}
            }
            let field = read_name(body, &mut p)?.to_owned();
            let desc = p;
            skip_import_desc(body, &mut p)?;
            let new = short_name(i);
            write_name(&mut section, MODULE);
            write_name(&mut section, &new);
            section.extend_from_slice(body.get(desc..p).ok_or("the wasm ends inside an import")?);
            names.push((field, new));
        }
        if p != body.len() {
            return Err(format!(
                "the import section at byte {start} has {} bytes after its imports",
                body.len() - p
            ));
        }
        out.push(2);
        write_leb(&mut out, section.len() as u64);
        out.extend(section);
    }
    let module = module.ok_or("the wasm imports nothing")?;
    Ok(Renamed { wasm: out, names, module })
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// The glue with the renamed imports: each old name must be written exactly once, as a
/// key of the import object (`name:`), and the module exactly once, quoted.
pub fn rename_glue(glue: &str, renamed: &Renamed) -> Result<String, String> {
    let mut out = glue.to_owned();
    for (old, new) in &renamed.names {
        let found: Vec<usize> = out
            .match_indices(old.as_str())
            .map(|(i, _)| i)
            .filter(|&i| !out[..i].ends_with(is_ident) && !out[i + old.len()..].starts_with(is_ident))
            .collect();
        let [i] = found[..] else {
            return Err(format!("the glue names the import {old} {} times, not once", found.len()));
        };
        if !out[i + old.len()..].trim_start().starts_with(':') {
            return Err(format!("the glue names the import {old} other than as an object key"));
        }
        out.replace_range(i..i + old.len(), new);
    }
    let quoted = format!("\"{}\"", renamed.module);
    match out.matches(&quoted).count() {
        1 => Ok(out.replacen(&quoted, &format!("\"{MODULE}\""), 1)),
        n => Err(format!("the glue names the module {quoted} {n} times, not once")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing two functions and a memory from `./m_bg.js`, with a type and a
    /// custom section around its import section.
    fn module() -> Vec<u8> {
        let mut w = b"\0asm\x01\0\0\0".to_vec();
        w.extend([1, 4, 1, 0x60, 0, 0]); // type section: one () -> ()
        let mut imports = vec![3];
        for (field, desc) in [
            ("__wbg_alert_0123456789abcdef", &[0u8, 0][..]),
            ("__wbindgen_throw", &[0, 0]),
            ("mem", &[2, 1, 1, 2]),
        ] {
            write_name(&mut imports, "./m_bg.js");
            write_name(&mut imports, field);
            imports.extend_from_slice(desc);
        }
        w.push(2);
        write_leb(&mut w, imports.len() as u64);
        w.extend(imports);
        w.extend([0, 4, 1, b'x', 7, 7]); // custom section "x"
        w
    }

    #[test]
    fn renames_every_import_and_keeps_the_rest() {
        let r = shorten(&module()).unwrap();
        assert_eq!(r.module, "./m_bg.js");
        let names: Vec<_> = r.names.iter().map(|(o, n)| (o.as_str(), n.as_str())).collect();
        assert_eq!(names, [("__wbg_alert_0123456789abcdef", "a"), ("__wbindgen_throw", "b"), ("mem", "c")]);
        let mut expected = b"\0asm\x01\0\0\0".to_vec();
        expected.extend([1, 4, 1, 0x60, 0, 0]);
        expected
            .extend([2, 21, 3, 1, b'a', 1, b'a', 0, 0, 1, b'a', 1, b'b', 0, 0, 1, b'a', 1, b'c', 2, 1, 1, 2]);
        expected.extend([0, 4, 1, b'x', 7, 7]);
        assert_eq!(r.wasm, expected);
    }

    #[test]
    fn short_names_are_distinct_letters_and_never_reserved_words() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[52], "aa");
        assert!(names.iter().all(|n| n.chars().all(|c| c.is_ascii_alphabetic())));
        assert!(!names.iter().any(|n| ["do", "if", "in"].contains(&n.as_str())));
    }

    #[test]
    fn renames_the_glue_keys_and_module() {
        let r = shorten(&module()).unwrap();
        let glue = "const import0 = {\n  __wbg_alert_0123456789abcdef: function(a) { alert(a); },\n  __wbindgen_throw : function() {},\n  mem: 1,\n};\nreturn { \"./m_bg.js\": import0 };";
        let out = rename_glue(glue, &r).unwrap();
        assert_eq!(out, "const import0 = {\n  a: function(a) { alert(a); },\n  b : function() {},\n  c: 1,\n};\nreturn { \"a\": import0 };");
    }

    #[test]
    fn refuses_a_glue_that_names_an_import_twice_or_not_as_a_key() {
        let r = shorten(&module()).unwrap();
        let twice = "{ __wbg_alert_0123456789abcdef: 1, x: __wbg_alert_0123456789abcdef, __wbindgen_throw: 1, mem: 1 } \"./m_bg.js\"";
        assert!(rename_glue(twice, &r).unwrap_err().contains("2 times"));
        let call = "{ f(__wbg_alert_0123456789abcdef), __wbindgen_throw: 1, mem: 1 } \"./m_bg.js\"";
        assert!(rename_glue(call, &r).unwrap_err().contains("other than as an object key"));
        let missing = "{ __wbg_alert_0123456789abcdef: 1, mem: 1 } \"./m_bg.js\"";
        assert!(rename_glue(missing, &r).unwrap_err().contains("__wbindgen_throw 0 times"));
        // A longer name that contains an import's name is not that import.
        let longer = "{ __wbg_alert_0123456789abcdef: 1, __wbindgen_throw_more: 2, __wbindgen_throw: 1, mem: 1 } \"./m_bg.js\"";
        assert!(rename_glue(longer, &r).unwrap().contains("__wbindgen_throw_more: 2, b: 1"));
    }
}
