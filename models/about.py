"""The program's name, version and the form edition it fills in (帮助 → 关于, the bundle, the command line)."""
from .form_2021 import FORM_2021

APP_NAME = "政府信息公开工作年度报告 填报助手"
VERSION = "0.2.0"
FORM_EDITION = FORM_2021.name  # 政府信息公开工作年度报告（国办公开办函〔2021〕30号）
