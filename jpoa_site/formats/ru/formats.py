"""Russian keeps Django's own formats but one: a day and its month name the month in the genitive,
as a date says it ("30 ноября", not Django's "30 ноябрь")."""

MONTH_DAY_FORMAT = "j E"
