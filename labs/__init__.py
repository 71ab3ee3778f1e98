"""Lab sources (jupytext percent files). Build notebooks with ``factorylab lab build``."""
