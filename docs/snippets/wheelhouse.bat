:: On each school PC, without the internet (the wheelhouse copied to D:\wheelhouse or a shared folder)
py -m venv .venv
.venv\Scripts\pip install --no-index --find-links D:\wheelhouse factorylab
.venv\Scripts\factorylab start
