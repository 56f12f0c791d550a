"""``python -m pathway_fsm``: the command line of :mod:`pathway_fsm.cli`."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
