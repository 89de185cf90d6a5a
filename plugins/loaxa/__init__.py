"""Loa Xã: the static site of a Vietnamese commune, built with MkDocs and Material."""

__version__ = "0.1.0"
