"""Drafting designs: storage with revision history, the editor, JSON import and export."""
