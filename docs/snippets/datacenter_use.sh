factorylab datacenter report --db sqlite:///class-3-2.sqlite   # OEE, good parts, defects, failures per line and day
factorylab datacenter serve --db sqlite:///class-3-2.sqlite    # the comparison page http://127.0.0.1:8030
factorylab datacenter export --db sqlite:///class-3-2.sqlite --out open-data   # CSV (or --format parquet) + dataset.json
