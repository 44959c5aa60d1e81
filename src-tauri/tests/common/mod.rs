//! The shell's IPC commands as written in src/commands/, read with syn: the
//! one list both the TypeScript generator and the IPC coverage test use.
#![allow(dead_code)] // each test binary uses part of it

pub mod window;

use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

pub struct Command {
    /// snake_case, as the window invokes it.
    pub name: String,
    /// (argument name in camelCase as Tauri expects it, TypeScript type).
    pub args: Vec<(String, String)>,
    pub returns: String,
}

/// The argument types Tauri fills in itself; the window never sends them.
const INJECTED: [&str; 5] = ["State", "AppHandle", "Window", "Webview", "WebviewWindow"];

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in snake.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn generic(args: &PathArguments) -> Vec<&Type> {
    match args {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The TypeScript spelling of a Rust type crossing IPC; named types are the
/// ts-rs bindings of the same name.
pub fn ts_type(t: &Type, named: &mut Vec<String>) -> String {
    match t {
        Type::Reference(r) => ts_type(&r.elem, named),
        Type::Tuple(t) if t.elems.is_empty() => "void".into(),
        Type::Array(a) => {
            let n: usize = match &a.len {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Int(i),
                    ..
                }) => i.base10_parse().unwrap(),
                _ => panic!("array length must be a literal"),
            };
            let one = ts_type(&a.elem, named);
            format!("[{}]", vec![one; n].join(", "))
        }
        Type::Path(p) => {
            let last = p.path.segments.last().unwrap();
            let id = last.ident.to_string();
            let inner = generic(&last.arguments);
            match id.as_str() {
                "i64" | "i32" | "u8" | "u16" | "u32" | "u64" | "usize" | "f64" | "f32" => {
                    "number".into()
                }
                "String" | "str" | "PathBuf" => "string".into(),
                "bool" => "boolean".into(),
                "Option" => format!("{} | null", ts_type(inner[0], named)),
                "Vec" => {
                    let t = ts_type(inner[0], named);
                    if t.contains(' ') {
                        format!("({t})[]")
                    } else {
                        format!("{t}[]")
                    }
                }
                "CmdResult" | "Result" => ts_type(inner[0], named),
                _ => {
                    if !named.contains(&id) {
                        named.push(id.clone());
                    }
                    id
                }
            }
        }
        _ => panic!("a command uses a type the generator does not know; extend ts_type"),
    }
}

/// The files of src/commands/ in the order mod.rs declares them.
fn command_files() -> Vec<syn::File> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/commands");
    let parse = |name: &str| {
        let src = std::fs::read_to_string(format!("{dir}/{name}")).expect(name);
        syn::parse_file(&src).unwrap_or_else(|e| panic!("{name} parses: {e}"))
    };
    let root = parse("mod.rs");
    let mut files = Vec::new();
    for item in &root.items {
        if let Item::Mod(m) = item {
            if m.content.is_none() {
                files.push(parse(&format!("{}.rs", m.ident)));
            }
        }
    }
    files.push(root);
    files
}

pub fn commands() -> (Vec<Command>, Vec<String>) {
    let mut named = Vec::new();
    let mut out = Vec::new();
    for item in command_files().into_iter().flat_map(|f| f.items) {
        let Item::Fn(f) = item else { continue };
        let is_command = f.attrs.iter().any(|a| {
            let segs: Vec<String> = a
                .path()
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            segs == ["tauri", "command"]
        });
        if !is_command {
            continue;
        }
        let mut args = Vec::new();
        for input in &f.sig.inputs {
            let FnArg::Typed(pt) = input else { continue };
            let Pat::Ident(name) = &*pt.pat else { continue };
            let injected = match &*pt.ty {
                Type::Path(p) => {
                    INJECTED.contains(&p.path.segments.last().unwrap().ident.to_string().as_str())
                }
                _ => false,
            };
            if !injected {
                args.push((camel(&name.ident.to_string()), ts_type(&pt.ty, &mut named)));
            }
        }
        let returns = match &f.sig.output {
            ReturnType::Default => "void".into(),
            ReturnType::Type(_, t) => ts_type(t, &mut named),
        };
        out.push(Command {
            name: f.sig.ident.to_string(),
            args,
            returns,
        });
    }
    named.sort();
    (out, named)
}

pub fn camel_case(snake: &str) -> String {
    camel(snake)
}
