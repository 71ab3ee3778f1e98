"""The course structure (course.yaml). Load it with ``factorylab.course.load()``."""
