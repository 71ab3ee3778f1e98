factorylab scenarios                      # the list, in Korean and English
factorylab sim --scenario oven --seed 3   # the oven scenario with seed 3 (Ctrl-C stops it)
factorylab sim --scenario fast_feed.yaml  # your own scenario file
