:: 1) set up and run the simulator (Windows, Command Prompt)
py -m venv .venv && .venv\Scripts\pip install -e . && .venv\Scripts\factorylab sim
:: 2) set up and run the tests
py -m venv .venv && .venv\Scripts\pip install -e ".[dev,docs]" && .venv\Scripts\python -m pytest
