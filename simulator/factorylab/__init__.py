"""FactoryLab: a virtual smart-factory line for teaching sensors, control and AI.

스마트공장 교육용 가상 생산 라인.
"""

__version__ = "0.1.0"
