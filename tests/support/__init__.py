"""Helpers the tests share: finding a browser, serving the built site."""
