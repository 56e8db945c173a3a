"""Pure parsers from the intermediate form (paragraphs and tables) to a structured plan."""
