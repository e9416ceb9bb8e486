"""Exports of approved designs: print-quality PDF syllabi, syllabi packs for workshops, Open Badges 3.0."""
