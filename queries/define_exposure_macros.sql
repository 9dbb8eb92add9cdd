-- Macros for exposure arithmetic: days of a spell inside a window, and the half-year a date falls in.
CREATE OR REPLACE MACRO overlap_days(spell_from, spell_to, window_from, window_to) AS
    greatest(0, date_diff('day', greatest(spell_from, window_from), least(spell_to, window_to)));
CREATE OR REPLACE MACRO half_year_start(day) AS
    make_date(year(day), CASE WHEN month(day) <= 6 THEN 1 ELSE 7 END, 1);
CREATE OR REPLACE MACRO half_year_label(day) AS
    year(day) || '-H' || CASE WHEN month(day) <= 6 THEN '1' ELSE '2' END;
