:: 1) set up and start (Windows, Command Prompt)
py -m venv .venv && .venv\Scripts\pip install -e . && .venv\Scripts\factorylab start
:: 2) set up and run the tests
py -m venv .venv && .venv\Scripts\pip install -e ".[dev,docs]" && .venv\Scripts\python -m pytest
