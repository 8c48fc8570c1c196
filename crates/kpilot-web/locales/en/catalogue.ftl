catalogue-title = KPI catalogue
catalogue-intro = Each KPI is computed over the period from its components (a rate = sum of numerators / sum of denominators), never as a mean of daily rates; a zero denominator gives no value.
catalogue-plan-kpis = The plan's own KPIs
catalogue-builtin = Built-in KPIs
catalogue-kpi = KPI
catalogue-definition = Definition
catalogue-unit = Unit
catalogue-direction = Direction
catalogue-guidance = Why, where, how
catalogue-used = tracked by the plan
catalogue-why = Why:
catalogue-where = Where to find the data:
catalogue-how = How to improve it:
