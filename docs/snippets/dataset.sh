factorylab dataset --scenario line --hours 8 --seed 1 --out shift.csv
# -> shift.csv (one row per part), shift.machines.csv (every 10 s), shift.json (columns, licence)
