"""Russian keeps Django's own formats but for these:
- a day and its month name the month in the genitive, as a date says it ("30 ноября", not Django's
  "30 ноябрь");
- "г." (the year's abbreviation) is held to its year by a no-break space, so that a date that wraps
  never starts a line with it."""

MONTH_DAY_FORMAT = "j E"
DATE_FORMAT = "j E Y\u00a0г."
DATETIME_FORMAT = "j E Y\u00a0г., G:i"
YEAR_MONTH_FORMAT = "F Y\u00a0г."
