"""The `tdkt` command: a thin layer over the library; every command's work lives in its module."""

from __future__ import annotations

import argparse
import importlib
import sys

# command -> (module that implements it, one-line help). Each module has
# `add_arguments(parser)` and `run(args) -> int`.
COMMANDS = {
    "extract": ("tdkt.extract.pipeline", "print the extracted record of each article file as JSON Lines"),
    "eval": ("tdkt.extract.evaluate", "score the extractor against hand-labelled gold records"),
    "build": ("tdkt.build", "build the whole site from a corpus folder: extract, render, mkdocs, search index"),
    "serve": ("tdkt.site.serve", "serve the built site on 127.0.0.1 (under a sub-path, as GitHub Pages does)"),
    "review": ("tdkt.extract.review", "list the articles whose fields the extractor was unsure of"),
    "fetch": ("tdkt.corpus.fetch", "download article pages into the corpus, politely, with provenance"),
}


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tdkt", description=__doc__)
    from tdkt import __version__

    parser.add_argument("--version", action="version", version=f"tdkt {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue  # a command whose module is not there yet is simply not offered
        command = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args._run(args) or 0
    except KeyboardInterrupt:
        print("tdkt: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
