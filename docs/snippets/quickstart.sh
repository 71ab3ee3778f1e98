# 1) set up and start: the workspace ~/factorylab, JupyterLab and the simulator (Linux / macOS)
python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/factorylab start
# 2) set up and run the tests
python3 -m venv .venv && .venv/bin/pip install -e ".[dev,docs]" && .venv/bin/python -m pytest
