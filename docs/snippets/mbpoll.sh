# With `factorylab sim` running (port 5020), in another terminal.
# -0: addresses count from 0; -1: poll once; -t: 0 coil, 1 discrete input, 3 input register, 4 holding register.
mbpoll -m tcp -p 5020 -0 -t 4 -r 0 -c 10 -1 127.0.0.1    # system status: time, ticks, scenario ...
mbpoll -m tcp -p 5020 -0 -t 0 -r 300 127.0.0.1 1          # conveyor1.run = 1
mbpoll -m tcp -p 5020 -0 -t 1 -r 300 -c 3 -1 127.0.0.1    # conveyor1: running, infeed eye, exit eye
mbpoll -m tcp -p 5020 -0 -t 3 -r 300 -c 2 -1 127.0.0.1    # conveyor1: current (A x 100), belt speed (mm/s)
mbpoll -m tcp -p 5020 -0 -t 3:float -B -r 704 -c 1 -1 127.0.0.1   # oven temperature as a float (high word first)
mbpoll -m tcp -p 5020 -0 -t 4 -r 50 -c 1 -1 127.0.0.1     # not in the map: Illegal data address
