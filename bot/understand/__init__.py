"""Understanding a briefing: bytes in, an analysed `Briefing` out.

parse/ reads the formats, clean.py repairs scraping damage, attribute/ finds quotes and their
speakers, summarize.py writes the bullet blocks, analyze.py is the one entry point. Nothing in
this package touches the network, the clock, the file system or a database.
"""
