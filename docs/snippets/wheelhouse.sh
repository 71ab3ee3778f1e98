# On any computer with the internet (Linux, macOS or Windows), in the clone: a wheelhouse for Windows PCs
# with Python 3.12 (use the version the school PCs have: 3.11 to 3.14)
pip wheel --no-deps -w wheelhouse .
pip download --dest wheelhouse --platform win_amd64 --python-version 3.12 --only-binary=:all: wheelhouse/factorylab-0.1.0-py3-none-any.whl
