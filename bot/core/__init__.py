"""The pure core: parsing, cleaning, attribution, summarizing, rendering.

Nothing in this package touches the network, the clock, the file system or a database.
Every function takes plain data and returns plain data.
"""
