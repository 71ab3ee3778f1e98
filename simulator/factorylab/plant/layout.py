"""Fixed geometry and physical constants of the line.

Positions are in millimetres along the direction of travel, measured from the
start of the belt named. The same geometry holds in every scenario, so a
photo-eye is always where the docs and the GUI say it is.

    feeder -> conveyor1 (1200 mm) -> [CNC, oven] -> conveyor2 (2000 mm) -> outfeed
                                                       |  colour sensor, pusher
                                                       v
                                                   reject bin

Without the CNC and oven stations, conveyor1 hands parts straight over to
conveyor2.
"""

from __future__ import annotations

#: Fixed simulation time step in seconds (20 Hz, the default controller scan).
TIME_STEP = 0.05
#: The slow thermal and hydraulic processes (oven, tank) are integrated every
#: this many steps (0.2 s): their time constants are minutes, so this loses no
#: accuracy and keeps fast-forward fast.
SLOW_STEPS = 4

# --- belts -----------------------------------------------------------------
CONVEYOR1_LENGTH = 1200.0  # mm
CONVEYOR2_LENGTH = 2000.0  # mm
BELT_MAX_SPEED = 250.0  # mm/s at 100 % speed setpoint
BELT_WIDTH = 120.0  # mm; lateral coordinate runs -60 .. +60

# --- sensors (mm from the start of their belt) ----------------------------
PHOTO_EYE_INFEED = 30.0  # conveyor1: under the feeder chute
PHOTO_EYE_C1_EXIT = 1150.0  # conveyor1: end of the first belt
PHOTO_EYE_C2_ENTRY = 50.0  # conveyor2: start of the second belt
COLOUR_SENSOR = 600.0  # conveyor2: colour sensor of the sorter
PUSHER_POSITION = 1100.0  # conveyor2: centre of the pusher head and its photo-eye
PHOTO_EYE_C2_EXIT = 1950.0  # conveyor2: end of the line (outfeed)
INSPECTION_POSITION = 300.0  # conveyor2: the inspection gauge

#: Each belt's photo-eyes: sensor attribute -> mm from the start of the belt.
PHOTO_EYES = {
    "conveyor1": {"photo_eye_infeed": PHOTO_EYE_INFEED, "photo_eye_exit": PHOTO_EYE_C1_EXIT},
    "conveyor2": {"photo_eye_entry": PHOTO_EYE_C2_ENTRY, "photo_eye_exit": PHOTO_EYE_C2_EXIT},
}

# --- parts -----------------------------------------------------------------
#: Part types: colour, nominal length (mm), nominal weight (kg), width (mm).
PART_TYPES = {
    "A": {"colour": "red", "length": 60.0, "weight": 0.25},
    "B": {"colour": "blue", "length": 80.0, "weight": 0.35},
}
PART_WIDTH = 50.0  # mm, across the belt
PART_LENGTH_SD = 0.5  # mm, manufacturing spread
PART_WEIGHT_SD = 0.004  # kg

# --- pusher (sorter) -------------------------------------------------------
PUSHER_HEAD_WIDTH = 80.0  # mm along the belt
PUSHER_STROKE = 150.0  # mm
PUSHER_REST_FACE = -70.0  # lateral position of the head face when retracted (mm)

# --- conveyor motors -------------------------------------------------------
MOTOR_IDLE_CURRENT = 0.6  # A with the belt running empty at 0 % speed
MOTOR_SPEED_CURRENT = 0.4  # A added at 100 % speed
MOTOR_LOAD_CURRENT = 0.5  # A per kg carried
MOTOR_SLIP_CURRENT = 0.3  # A per kg of parts held back on a running belt (friction)
MOTOR_INRUSH_CURRENT = 5.0  # A extra at switch-on (a small motor draws several times its running current)
MOTOR_INRUSH_TAU = 0.3  # s, decay of the inrush current
MOTOR_CURRENT_NOISE = 0.01  # A, standard deviation
MOTOR_JAM_CURRENT = 2.5  # A extra while a part is stuck on the running belt
MOTOR_WEAR_CURRENT = 0.15  # A per unit of bearing wear (about one per hour of the fault)
MOTOR_RATED_CURRENT = 2.5  # A: the overload relay's setting
MOTOR_TRIP_HEAT = 450.0  # A^2 s above rating before the relay trips (about 30 s of a jam)
MOTOR_COOL_RATE = 10.0  # A^2 s per second of cooling while stopped (about 45 s to reset)
VIBRATION_RUNNING = 1.2  # mm/s RMS, healthy motor
VIBRATION_STOPPED = 0.05  # mm/s RMS, background
VIBRATION_WEAR = 1.5  # mm/s per unit of bearing wear
VIBRATION_NOISE = 0.05  # relative standard deviation
