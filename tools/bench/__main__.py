"""python -m tools.bench: measure the dashboard's speed and write docs/benchmarks.md."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.bench import run as bench


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench",
        description="Koude start, filterwissel in Chromium, tijd per pagina (koud/warm), import van 1.000.000 rijen, "
        "piekgeheugen en de vergelijking met gewone pandas, voor demo- en landelijke schaal.",
    )
    parser.add_argument("--scale", choices=("demo", "national", "both"), default="both", help="omvang (standaard both)")
    parser.add_argument("--runs", type=int, default=3, help="herhalingen per meting; de mediaan telt (standaard 3)")
    parser.add_argument("--skip-browser", action="store_true", help="zonder Chromium (geen koude start, geen filterwissel)")
    parser.add_argument("--skip-import", action="store_true", help="zonder de import van 1.000.000 rijen")
    parser.add_argument("--viewers", type=int, default=8, help="nieuwe kijkers per pagina naast de vloer-app (0: overslaan)")
    parser.add_argument("--output", default=str(bench.OUTPUT), help="Markdown-bestand (standaard docs/benchmarks.md)")
    parser.add_argument("--no-write", action="store_true", help="alleen printen, geen Markdown schrijven")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    scales = ["demo", "national"] if args.scale == "both" else [args.scale]
    output = None if args.no_write else Path(args.output)
    bench.run(scales, runs=args.runs, browser=not args.skip_browser, output=output, import_file=not args.skip_import,
              viewers=args.viewers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
