"""The guide's build-time code: data loading and validation, rendering, export and hooks."""
