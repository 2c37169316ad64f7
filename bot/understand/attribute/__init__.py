"""Quotes and who said them: finding quote spans, speech cues, names and pronouns."""
