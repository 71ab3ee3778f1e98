factorylab classroom --lines 30 --host 0.0.0.0 --roster class.csv --out class-3-2 --record
# -> students' computers may connect; only each roster address writes to its line; out/line-07-faults.csv, line-07.sqlite
