"""`python -m bench` (`make bench`): see bench/run.py."""

from bench import run

# Guarded: the PDF figures' worker processes import this module again as they start.
if __name__ == "__main__":
    run.main()
