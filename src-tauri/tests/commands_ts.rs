//! Writes ui/src/lib/commands.ts: one typed function per IPC command, generated
//! from src/commands/, so a renamed command, argument or type fails
//! `npm run check` in the window instead of failing at run time. `make test`
//! fails when the committed file is out of date.

mod common;

use std::fmt::Write;

#[test]
fn the_window_s_command_list_is_generated_from_the_rust_commands() {
    let (commands, named) = common::commands();
    assert!(commands.len() > 50, "found {} commands", commands.len());
    let mut ts = String::from(
        "// Generated from src-tauri/src/commands/ by `cargo test -p bansou-app --test commands_ts`.\n\
         // Do not edit: change the Rust command and run the tests again.\n",
    );
    for n in &named {
        writeln!(ts, "import type {{ {n} }} from './bindings/{n}';").unwrap();
    }
    ts.push_str(
        "\n/** How a command is sent (api.ts passes `invoke` with Japanese error handling). */\n\
         export type Call = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>;\n\n\
         export function commands(call: Call) {\n  return {\n",
    );
    for c in &commands {
        let params: Vec<String> = c.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        let names: Vec<&str> = c.args.iter().map(|(n, _)| n.as_str()).collect();
        let args = if names.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", names.join(", "))
        };
        writeln!(
            ts,
            "    {}: ({}) => call<{}>('{}'{}),",
            common::camel_case(&c.name),
            params.join(", "),
            c.returns,
            c.name,
            args
        )
        .unwrap();
    }
    ts.push_str("  };\n}\n\n/** Every command the shell registers, in the order of src/commands/. */\nexport const COMMAND_NAMES = [\n");
    for c in &commands {
        writeln!(ts, "  '{}',", c.name).unwrap();
    }
    ts.push_str("] as const;\n");
    let out = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/lib/commands.ts");
    if std::fs::read_to_string(out).ok().as_deref() != Some(ts.as_str()) {
        std::fs::write(out, ts).unwrap();
    }
}

#[test]
fn every_command_in_src_commands_is_registered_with_the_shell() {
    let (commands, _) = common::commands();
    let lib = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs")).unwrap();
    let missing: Vec<&str> = commands
        .iter()
        .map(|c| c.name.as_str())
        .filter(|n| !lib.contains(&format!("commands::{n},")))
        .collect();
    assert!(missing.is_empty(), "not in generate_handler!: {missing:?}");
}
