//! The shell's commands, read from their one declaration.
//!
//! A command is declared once: a `#[tauri::command]` function under `src-tauri/src/`, whose
//! arguments and result are types the UI already knows (`ui/src/backend/bindings.ts`, from ts-rs)
//! and whose error is always `SalaError`. From those functions this crate writes
//!
//! - [`handler_list`]: the `tauri::generate_handler![…]` expression, which the shell's build
//!   script writes into `OUT_DIR` and `lib.rs` includes, so no hand-kept list can miss one;
//! - [`typescript`]: `ui/src/backend/commands.ts`, the typed client (one function per command with
//!   its argument names and types, its result type, and its Rust doc comment), committed and
//!   checked current by this crate's test, like the bindings.
//!
//! Arguments Tauri supplies itself (`State<…>`, `AppHandle`, `Window`, `Webview`) are not part of
//! what the page passes, and are left out of the client. A trailing `Option<…>` argument may be
//! left out by the caller. Reading is by syntax only (no type checking): an argument or result
//! the client cannot say is refused with the command's name, so the build fails at once rather
//! than the page at run time. A type alias written in the same file is followed.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use quote::ToTokens;

/// Why the commands could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot parse {path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("command `{command}` ({path}): {message}")]
    Unsupported {
        command: String,
        path: PathBuf,
        message: String,
    },
    #[error("command `{name}` is declared twice ({first} and {second})")]
    Duplicate {
        name: String,
        first: String,
        second: String,
    },
}

/// One command as the page sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The Rust module path from the crate root (`commands::group_work`), empty for `lib.rs`.
    pub module: String,
    /// The command's name, as `invoke` takes it (`add_note`).
    pub name: String,
    /// The doc comment, one entry per line.
    pub docs: Vec<String>,
    /// The arguments the page passes, in order.
    pub args: Vec<Arg>,
    /// What it resolves to (the `T` of `Result<T>`).
    pub result: Ty,
}

/// One argument the page passes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    /// Its Rust name (`group_id`); the page sends it in camel case (`groupId`).
    pub name: String,
    pub ty: Ty,
}

/// The types a command's argument or result may have, as TypeScript says them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    String,
    Number,
    Boolean,
    Unit,
    Option(Box<Ty>),
    List(Box<Ty>),
    Map(Box<Ty>, Box<Ty>),
    /// A type exported to `bindings.ts` under this name.
    Named(String),
}

impl Ty {
    /// The TypeScript type.
    pub fn typescript(&self) -> String {
        match self {
            Ty::String => "string".into(),
            Ty::Number => "number".into(),
            Ty::Boolean => "boolean".into(),
            Ty::Unit => "void".into(),
            Ty::Option(inner) => format!("{} | null", inner.typescript()),
            Ty::List(inner) => match **inner {
                Ty::Option(_) => format!("({})[]", inner.typescript()),
                _ => format!("{}[]", inner.typescript()),
            },
            Ty::Map(k, v) => format!("Record<{}, {}>", k.typescript(), v.typescript()),
            Ty::Named(name) => name.clone(),
        }
    }

    fn names(&self, into: &mut BTreeSet<String>) {
        match self {
            Ty::Option(inner) | Ty::List(inner) => inner.names(into),
            Ty::Map(k, v) => {
                k.names(into);
                v.names(into);
            }
            Ty::Named(name) => {
                into.insert(name.clone());
            }
            Ty::String | Ty::Number | Ty::Boolean | Ty::Unit => {}
        }
    }
}

/// Every command in the `.rs` files under `src_dir` (a crate's `src`), sorted by module, then
/// in the order they are written.
pub fn scan(src_dir: &Path) -> Result<Vec<Command>, ScanError> {
    let mut files = Vec::new();
    rust_files(src_dir, &mut files)?;
    files.sort();
    let mut commands = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|source| ScanError::Io {
            path: path.clone(),
            source,
        })?;
        let module = module_path(src_dir, &path);
        commands.extend(commands_in(&text, &module, &path)?);
    }
    let mut seen = std::collections::BTreeMap::new();
    for c in &commands {
        if let Some(first) = seen.insert(c.name.clone(), c.path()) {
            return Err(ScanError::Duplicate {
                name: c.name.clone(),
                first,
                second: c.path(),
            });
        }
    }
    Ok(commands)
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) -> Result<(), ScanError> {
    let io = |source| ScanError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            rust_files(&path, into)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
    Ok(())
}

/// `src/commands/notes.rs` → `commands::notes`; `lib.rs`, `main.rs` → ``; `x/mod.rs` → `x`.
fn module_path(src_dir: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src_dir).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs");
        if !matches!(stem, "lib" | "main" | "mod") {
            parts.push(stem.to_owned());
        }
    }
    parts.join("::")
}

impl Command {
    /// The path `generate_handler!` takes (`commands::group_work::add_note`).
    pub fn path(&self) -> String {
        if self.module.is_empty() {
            self.name.clone()
        } else {
            format!("{}::{}", self.module, self.name)
        }
    }
}

/// The commands declared in one file's text.
pub fn commands_in(text: &str, module: &str, path: &Path) -> Result<Vec<Command>, ScanError> {
    let file = syn::parse_file(text).map_err(|e| ScanError::Parse {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    // A type alias of the same file (`type Messages = BTreeMap<String, String>;`) is followed.
    let aliases: Aliases = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Type(t) if t.generics.params.is_empty() => {
                Some((t.ident.to_string(), (*t.ty).clone()))
            }
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for item in &file.items {
        let syn::Item::Fn(f) = item else { continue };
        if !f.attrs.iter().any(is_command_attr) {
            continue;
        }
        let name = f.sig.ident.to_string();
        let unsupported = |message: String| ScanError::Unsupported {
            command: name.clone(),
            path: path.to_path_buf(),
            message,
        };
        if !matches!(f.vis, syn::Visibility::Public(_)) && !module.is_empty() {
            return Err(unsupported("a command in a module must be `pub`".into()));
        }
        let mut args = Vec::new();
        for input in &f.sig.inputs {
            let syn::FnArg::Typed(arg) = input else {
                return Err(unsupported("a command takes no `self`".into()));
            };
            if is_injected(&arg.ty) {
                continue;
            }
            let syn::Pat::Ident(ident) = &*arg.pat else {
                return Err(unsupported("arguments must be plain names".into()));
            };
            let ty = ty_of(&arg.ty, &aliases).map_err(&unsupported)?;
            args.push(Arg {
                name: ident.ident.to_string(),
                ty,
            });
        }
        let result = result_of(&f.sig.output, &aliases).map_err(&unsupported)?;
        out.push(Command {
            module: module.to_owned(),
            name,
            docs: docs(&f.attrs),
            args,
            result,
        });
    }
    Ok(out)
}

fn is_command_attr(attr: &syn::Attribute) -> bool {
    let segments: Vec<String> = attr
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segments == ["tauri", "command"] || segments == ["command"]
}

fn docs(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|line| {
            line.strip_prefix(' ')
                .unwrap_or(&line)
                .trim_end()
                .to_owned()
        })
        .collect()
}

/// The last path segment of a type and its generic arguments.
fn last_segment(ty: &syn::Type) -> Option<(String, Vec<&syn::Type>)> {
    let syn::Type::Path(p) = ty else { return None };
    let seg = p.path.segments.last()?;
    let args = match &seg.arguments {
        syn::PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    Some((seg.ident.to_string(), args))
}

/// What Tauri passes itself, not the page.
fn is_injected(ty: &syn::Type) -> bool {
    last_segment(ty).is_some_and(|(name, _)| {
        matches!(
            name.as_str(),
            "State" | "AppHandle" | "Window" | "WebviewWindow" | "Webview"
        )
    })
}

fn shown(ty: &syn::Type) -> String {
    ty.to_token_stream().to_string()
}

/// The type aliases of a file, by name.
type Aliases = std::collections::BTreeMap<String, syn::Type>;

fn ty_of(ty: &syn::Type, aliases: &Aliases) -> Result<Ty, String> {
    if let syn::Type::Tuple(t) = ty
        && t.elems.is_empty()
    {
        return Ok(Ty::Unit);
    }
    let Some((name, args)) = last_segment(ty) else {
        return Err(format!("`{}` is not a type the client can say", shown(ty)));
    };
    let one = |args: &[&syn::Type]| match args {
        [inner] => ty_of(inner, aliases).map(Box::new),
        _ => Err(format!("`{}` needs one type argument", shown(ty))),
    };
    Ok(match name.as_str() {
        "String" | "PathBuf" => Ty::String,
        "bool" => Ty::Boolean,
        "u8" | "u16" | "u32" | "i8" | "i16" | "i32" | "f32" | "f64" => Ty::Number,
        "Option" => Ty::Option(one(&args)?),
        "Vec" => Ty::List(one(&args)?),
        "BTreeMap" | "HashMap" => match args.as_slice() {
            [k, v] => Ty::Map(Box::new(ty_of(k, aliases)?), Box::new(ty_of(v, aliases)?)),
            _ => return Err(format!("`{}` needs two type arguments", shown(ty))),
        },
        // Beyond 2^53 a number is not exact in JavaScript: such values go as strings.
        "u64" | "i64" | "usize" | "isize" | "u128" | "i128" => {
            return Err(format!("`{name}` does not fit a JavaScript number"));
        }
        _ if args.is_empty() => match aliases.get(&name) {
            Some(aliased) => return ty_of(aliased, aliases),
            None => Ty::Named(name),
        },
        _ => return Err(format!("`{}`: generic types are not exported", shown(ty))),
    })
}

/// The `T` of `Result<T>` / `Result<T, SalaError>`: every command fails with the one error type.
fn result_of(output: &syn::ReturnType, aliases: &Aliases) -> Result<Ty, String> {
    let syn::ReturnType::Type(_, ty) = output else {
        return Err("a command returns `Result<T>` (the error is `SalaError`)".into());
    };
    match last_segment(ty) {
        Some((name, args)) if name == "Result" => {
            if let Some(err) = args.get(1)
                && last_segment(err).is_none_or(|(e, _)| e != "SalaError")
            {
                return Err(format!("fails with `{}`, not `SalaError`", shown(err)));
            }
            match args.first() {
                Some(ok) => ty_of(ok, aliases),
                None => Err("`Result` without its type".into()),
            }
        }
        _ => Err(format!(
            "returns `{}`; a command returns `Result<T>` (the error is `SalaError`)",
            shown(ty)
        )),
    }
}

/// The `tauri::generate_handler![…]` expression naming every command.
pub fn handler_list(commands: &[Command]) -> String {
    let mut out = String::from("tauri::generate_handler![\n");
    for c in commands {
        let _ = writeln!(out, "    {},", c.path());
    }
    out.push(']');
    out
}

/// `group_id` → `groupId`: the name Tauri expects an argument under.
pub fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for ch in snake.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// Every named type the commands use, for the import from `bindings.ts`.
pub fn named_types(commands: &[Command]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for c in commands {
        for a in &c.args {
            a.ty.names(&mut names);
        }
        c.result.names(&mut names);
    }
    names
}

/// The arguments that may be left out: the trailing `Option`s.
fn optional_from(c: &Command) -> usize {
    c.args
        .iter()
        .rposition(|a| !matches!(a.ty, Ty::Option(_)))
        .map_or(0, |i| i + 1)
}

/// The typed client, `ui/src/backend/commands.ts`.
pub fn typescript(commands: &[Command]) -> String {
    let mut out = String::from(
        "// Generated from the #[tauri::command] functions in src-tauri/src by crates/sala-commands.\n\
         // Do not edit: run `cargo xtask bindings` after changing a command.\n\
         import { invoke } from '@tauri-apps/api/core';\n",
    );
    let names = named_types(commands);
    if !names.is_empty() {
        out.push_str("import type {\n");
        for n in &names {
            let _ = writeln!(out, "  {n},");
        }
        out.push_str("} from './bindings';\n");
    }
    out.push_str(
        "\n/** Every command of the shell. Each resolves to its result or rejects with a `SalaError`\n \
         *  (`code` and `params`, said in the user's language by the UI). */\n\
         export interface Commands {\n",
    );
    let mut module = None;
    for c in commands {
        if module != Some(&c.module) {
            let _ = writeln!(
                out,
                "  // {}",
                if c.module.is_empty() {
                    "lib"
                } else {
                    &c.module
                }
            );
            module = Some(&c.module);
        }
        signature(&mut out, c);
    }
    out.push_str("}\n\n/** The commands, through Tauri's `invoke`. */\nexport const commands: Commands = {\n");
    for c in commands {
        call(&mut out, c);
    }
    out.push_str("};\n");
    out
}

/// A command's line in the `Commands` interface, under its doc comment.
fn signature(out: &mut String, c: &Command) {
    if !c.docs.is_empty() {
        out.push_str("  /**\n");
        for line in &c.docs {
            let line = line.replace("*/", "*\\/");
            if line.is_empty() {
                out.push_str("   *\n");
            } else {
                let _ = writeln!(out, "   * {line}");
            }
        }
        out.push_str("   */\n");
    }
    let optional = optional_from(c);
    let params: Vec<String> = c
        .args
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mark = if i >= optional { "?" } else { "" };
            format!("{}{mark}: {}", camel(&a.name), a.ty.typescript())
        })
        .collect();
    let _ = writeln!(
        out,
        "  {}({}): Promise<{}>;",
        camel(&c.name),
        params.join(", "),
        c.result.typescript()
    );
}

/// A command's entry in `commands`: its arguments by name, left-out ones as `null`.
fn call(out: &mut String, c: &Command) {
    let optional = optional_from(c);
    let params: Vec<String> = c.args.iter().map(|a| camel(&a.name)).collect();
    let fields: Vec<String> = c
        .args
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let n = camel(&a.name);
            if i >= optional {
                format!("{n}: {n} ?? null")
            } else {
                n
            }
        })
        .collect();
    let invoke = if fields.is_empty() {
        format!("invoke('{}')", c.name)
    } else {
        format!("invoke('{}', {{ {} }})", c.name, fields.join(", "))
    };
    let _ = writeln!(
        out,
        "  {}: ({}) => {invoke},",
        camel(&c.name),
        params.join(", ")
    );
}

#[cfg(test)]
mod tests;
