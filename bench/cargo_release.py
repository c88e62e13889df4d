"""Release builds for the benchmark scripts: runs `cargo build --release` and returns where each
binary landed, as cargo reports it: target/release/ by default, elsewhere with CARGO_TARGET_DIR,
`--target` or a `build.target` setting, and cargo's own messages are the one place that knows.
"""
import json
import subprocess


def build(root, *cargo_args):
    """Builds with `cargo build --release CARGO_ARGS` in ROOT; returns {name: path} for every
    binary, example or test executable cargo produced or found fresh."""
    out = subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--message-format=json-render-diagnostics",
         *cargo_args],
        cwd=root, check=True, stdout=subprocess.PIPE, text=True,
    ).stdout
    paths = {}
    for line in out.splitlines():
        message = json.loads(line)
        if message.get("reason") == "compiler-artifact" and message.get("executable"):
            paths[message["target"]["name"]] = message["executable"]
    return paths
