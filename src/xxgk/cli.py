"""The ``xxgk`` command: one entry point, one module per command group.

Each module in ``COMMAND_MODULES`` exposes ``register(subparsers)``, which adds
its sub-command(s) and sets ``func`` on the parser; ``func(args)`` returns the
exit status.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

__all__ = ["main"]

COMMAND_MODULES = (
    "xxgk.commands.report",
    "xxgk.commands.deadline",
    "xxgk.commands.platform",
    "xxgk.commands.cases",
    "xxgk.commands.catalogue",
    "xxgk.commands.stats",
    "xxgk.commands.backup",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered command group."""
    parser = argparse.ArgumentParser(
        prog="xxgk",
        description="xxgk 信息公开：年度报告检查与生成、依申请公开办理、工作日与法定期限。",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status = args.func(args)
    except KeyboardInterrupt:
        print("已中断 (interrupted)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. ``| head``): stop quietly, without a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    return int(status or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
