-- data_values keeps its primary key (org_unit, period, data_element) as its only index (issue 6 P5).
-- The compiled indicator SQL reaches the values through the closure's org units, the key's first
-- column: with this index dropped, the dashboard's queries took the same time on PGlite and
-- PostgreSQL (one indicator × 7 townships × a month 5.3 → 8.0 ms on PGlite, 1.8 → 2.0 ms on
-- PostgreSQL; 12 indicators × a year and 1 × 12 months unchanged, at 128,821 values), while
-- maintaining it cost a 100,000-value import ~1 s of CPU on PGlite (insert 1.76 → 0.81 s).
DROP INDEX "data_values_element_period_idx";
