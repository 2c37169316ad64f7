"""Rendering: an analysed briefing or a search hit in, Block Kit or plain text out.

Pure functions over plain data; the only package that knows Slack's Block Kit limits.
"""
