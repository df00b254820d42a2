//! The `kithkin` binary: parses the command line, calls the app, renders the answer.

mod cli;
mod web;

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main()
}
