"""digestbot: policy briefings in, digests with attributed quotes out."""

__version__ = "0.1.0"
