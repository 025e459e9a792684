"""tdkt: an open archive of Vietnamese news about emulation and commendation work."""

__version__ = "0.1.0"
